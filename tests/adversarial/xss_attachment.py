# Attachments of the markdown answer: an SVG that carries a script, an HTML page, and a link to it.
# expect: graded
# points: 3
# cell: why
# attachments: evil.svg, evil.html
# shows: My figure
My figure: ![the figure](attachment:evil.svg)

The page: ![page](attachment:evil.html) and [its link](attachment:evil.html).
