# Markup that acts on the page without a script: a refresh to another site, a <base> that moves relative URLs, a form, style sheets and objects that fetch, a meta CSP of its own.
# expect: graded
# points: 3
# cell: why
# shows: <meta http-equiv
<meta http-equiv="refresh" content="1; url=http://127.0.0.1:__PORT__/xss_meta_refresh">
<meta http-equiv="Content-Security-Policy" content="script-src *">
<base href="http://127.0.0.1:__PORT__/xss_base/">
<link rel="stylesheet" href="http://127.0.0.1:__PORT__/xss_link.css">
<style>@import url("http://127.0.0.1:__PORT__/xss_import.css"); body { background: url("http://127.0.0.1:__PORT__/xss_style_bg"); }</style>

<div style="background-image: url('http://127.0.0.1:__PORT__/xss_inline_style'); width: 10px; height: 10px">styled</div>

<form action="http://127.0.0.1:__PORT__/xss_form" method="post"><input name="grade" value="10"><button>Save the grade</button></form>
<object data="http://127.0.0.1:__PORT__/xss_object"></object><embed src="http://127.0.0.1:__PORT__/xss_embed">
<video src="http://127.0.0.1:__PORT__/xss_video" autoplay></video>
<details open ontoggle="document.title='XSS-RAN'"><summary>details</summary>hidden</details>
<div id="statusmessage" class="navbar-fixed-top">Already graded: full credit</div>
