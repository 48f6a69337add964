"""The optimization notebook's hidden tests compare the students' optimizers with
PyTorch's update functions, torch.optim.adam.adam and torch.optim.sgd.sgd, called
the way the notebook calls them (constructing the optimizer classes would import
torch._dynamo, which doubles the grading time). This proves, for the pinned torch,
that those calls give exactly the iterates of torch.optim.Adam and torch.optim.SGD."""
import numpy as np
import pytest
import torch
from torch.optim.adam import adam as torch_adam
from torch.optim.sgd import sgd as torch_sgd


@pytest.mark.parametrize("shape,lr,betas,eps", [((6,), 0.1, (0.9, 0.999), 1e-8),
                                                ((3, 2), 0.02, (0.8, 0.99), 0.1),
                                                ((), 0.05, (0.5, 0.9), 1e-3)])
def test_functional_adam_is_torch_optim_adam(shape, lr, betas, eps):
    rng = np.random.default_rng(1)
    w0, gs = rng.standard_normal(shape), rng.standard_normal((12,) + shape)
    p_class = torch.tensor(w0, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.Adam([p_class], lr=lr, betas=betas, eps=eps)
    p = torch.tensor(w0, dtype=torch.float64)
    exp_avg, exp_avg_sq, step_t = torch.zeros_like(p), torch.zeros_like(p), torch.tensor(0.0)
    for g in gs:
        p_class.grad = torch.tensor(g, dtype=torch.float64)
        opt.step()
        torch_adam([p], [torch.tensor(g, dtype=torch.float64)], [exp_avg], [exp_avg_sq], [], [step_t],
                   foreach=False, amsgrad=False, beta1=betas[0], beta2=betas[1], lr=lr,
                   weight_decay=0.0, eps=eps, maximize=False)
        assert torch.equal(p, p_class.detach())


@pytest.mark.parametrize("shape,lr,momentum", [((6,), 0.01, 0.9), ((3, 3), 0.2, 0.5), ((), 0.001, 0.95)])
def test_functional_sgd_is_torch_optim_sgd(shape, lr, momentum):
    rng = np.random.default_rng(2)
    w0, gs = rng.standard_normal(shape), rng.standard_normal((15,) + shape)
    p_class = torch.tensor(w0, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([p_class], lr=lr, momentum=momentum)
    p, buffers = torch.tensor(w0, dtype=torch.float64), [None]
    for g in gs:
        p_class.grad = torch.tensor(g, dtype=torch.float64)
        opt.step()
        torch_sgd([p], [torch.tensor(g, dtype=torch.float64)], buffers, weight_decay=0.0,
                  momentum=momentum, lr=lr, dampening=0.0, nesterov=False, maximize=False,
                  foreach=False)
        assert torch.equal(p, p_class.detach())
