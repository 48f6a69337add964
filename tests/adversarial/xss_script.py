# A <script> in the manually graded markdown answer: it would run in the TA's formgrader with the TA's session.
# expect: graded
# points: 3
# cell: why
# shows: <script>document.title
My answer.

<script>document.title = "XSS-RAN"; window.__xss = "xss_script"; fetch("http://127.0.0.1:__PORT__/xss_script");</script>
