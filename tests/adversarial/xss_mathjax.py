# TeX that asks MathJax for script: a \href to javascript:, \unicode, \style and \class.
# expect: graded
# points: 3
# cell: why
# shows: The kernel
The kernel $k(x, y) = \href{javascript:document.title='XSS-RAN'}{\langle x, y \rangle}$ and
$\style{background-image: url(http://127.0.0.1:__PORT__/xss_mathjax_style)}{x}$ $\class{navbar-fixed-top}{y}$.
