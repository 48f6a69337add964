# Links whose target is script: markdown and HTML links to javascript: (also obfuscated), and a data: page.
# expect: graded
# points: 3
# cell: why
# shows: Click for the proof
[Click for the proof](javascript:document.title='XSS-RAN';fetch('http://127.0.0.1:__PORT__/xss_javascript_link'))

<a href="javascript:document.title='XSS-RAN'">the derivation</a>, <a href="JaVaScRiPt&colon;document.title='XSS-RAN'">the table</a>,
<a href=" &#14;javascript:document.title='XSS-RAN'">the figure</a> and
<a href="data:text/html,<script>opener.document.title='XSS-RAN'</script>">the appendix</a>.
