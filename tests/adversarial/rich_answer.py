# A normal open answer with math, a table, an image attachment, a link and highlighted code: it must still render.
# expect: graded
# points: 3
# cell: why
# attachments: plot.png
# shows: The minimiser is
My answer.

## Representer theorem

The minimiser is $f^\star(x) = \sum_{i=1}^N \alpha_i \, k(x_i, x)$ with $\alpha_i \ge 0$ and $N < 10$, so

$$\hat f = K (K + \lambda I)^{-1} y.$$

| kernel | feature space | $\dim$ |
| --- | :---: | ---: |
| linear | $\mathbb{R}^d$ | $d$ |
| Gaussian | $\ell^2$ | $\infty$ |

![the plot](attachment:plot.png)

See [the lecture notes](https://example.org/notes.html#kernels) and **this**:

```python
alpha = np.linalg.solve(K + lam * np.eye(n), y)  # a < b & c > d
```
