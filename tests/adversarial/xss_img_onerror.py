# The payload: an image that fails to load and runs its onerror handler.
# expect: graded
# points: 3
# cell: why
# shows: My answer.
My answer.

<img src=x onerror="document.title='XSS-RAN'; window.__xss='xss_img_onerror'; fetch('http://127.0.0.1:__PORT__/xss_img_onerror')">
