# Inline SVG in the markdown answer: an onload handler, a script inside the SVG, an animation that sets an href.
# expect: graded
# points: 3
# cell: why
# shows: <svg onload=
My figure:

<svg onload="document.title='XSS-RAN'; window.__xss='xss_svg_onload'; fetch('http://127.0.0.1:__PORT__/xss_svg_onload')" width="40" height="40"><circle cx="20" cy="20" r="15"/></svg>

<svg><script>document.title = "XSS-RAN"; fetch("http://127.0.0.1:__PORT__/xss_svg_script");</script></svg>

<svg><a><animate attributeName="href" values="javascript:document.title='XSS-RAN'"/><text x="5" y="20">click the figure</text></a></svg>
