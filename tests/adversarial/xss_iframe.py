# Frames in the markdown answer: one loads a page of a server, one carries its own script.
# expect: graded
# points: 3
# cell: why
# shows: <iframe
See my notebook:

<iframe src="http://127.0.0.1:__PORT__/xss_iframe"></iframe>

<iframe srcdoc="<script>parent.document.title='XSS-RAN'; fetch('http://127.0.0.1:__PORT__/xss_iframe_srcdoc')</script>"></iframe>
