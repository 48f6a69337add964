# A tracking image: no script, but the page would tell another server when the TA or the student opens it.
# expect: graded
# points: 3
# cell: why
# shows: My plot
My plot: ![the plot](http://127.0.0.1:__PORT__/xss_remote_image.png)

<img src="//127.0.0.1:__PORT__/xss_remote_image_2.png" srcset="http://127.0.0.1:__PORT__/xss_srcset.png 2x">
