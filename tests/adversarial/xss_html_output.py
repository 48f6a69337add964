# Student code that displays HTML, JavaScript, Markdown, SVG, a widget and an isolated HTML frame as cell outputs.
# expect: graded
# points: 3
# shows: <script>document.title
from IPython.display import HTML, SVG, Javascript, Markdown, display

SET = "document.title='XSS-RAN'; window.__xss='xss_html_output'; fetch('http://127.0.0.1:__PORT__/xss_html_output')"
display(HTML(f'<b>bold output</b><script>document.title="XSS-RAN"</script><img src=x onerror="{SET}">'))
display(Javascript(SET))
display(Markdown(f'<img src=x onerror="{SET}"> markdown output'))
display(SVG(f'<svg xmlns="http://www.w3.org/2000/svg" onload="{SET}" width="20" height="20">'
            f'<script>{SET}</script><circle cx="10" cy="10" r="8"/></svg>'))
display({"application/vnd.jupyter.widget-view+json": {"model_id": "x", "version_major": 2,
                                                       "version_minor": 0},
         "text/plain": "a widget"}, raw=True)
display(HTML(f'<img src=x onerror="{SET}"> isolated'), metadata={"isolated": True})
display({"image/png": f'"><img src=x onerror="{SET}">', "text/plain": "png"}, raw=True)


def double(x):
    return 2 * x
