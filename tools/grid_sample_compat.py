"""Differentiable grid_sample backward for the official augmentation on current PyTorch (CPU).

The official `torch_utils/ops/grid_sample_gradfix.py` gives `grid_sample` a backward that can itself
be differentiated (R1 through `AugmentPipe` needs the gradient of a gradient), but only enables it on
PyTorch 1.7–1.9; elsewhere it falls back to `torch.nn.functional.grid_sample`, whose backward is not
differentiable ("derivative for aten::grid_sampler_2d_backward is not implemented"). `install(module)`
replaces the module's `grid_sample` with the same construction as the official custom op (bilinear,
zero padding, align_corners=False; the double backward flows to the output gradient only, the grid
never needs a gradient in `AugmentPipe`), written against the current `aten::grid_sampler_2d_backward`
signature. Used by tools that run the official training code on the CPU.
"""

import torch


class _GridSample2dForward(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input, grid):
        ctx.save_for_backward(input, grid)
        return torch.nn.functional.grid_sample(input=input, grid=grid, mode='bilinear', padding_mode='zeros',
                                               align_corners=False)

    @staticmethod
    def backward(ctx, grad_output):
        input, grid = ctx.saved_tensors
        assert not ctx.needs_input_grad[1], 'the grid never needs a gradient in AugmentPipe'
        return _GridSample2dBackward.apply(grad_output, input, grid), None


class _GridSample2dBackward(torch.autograd.Function):
    @staticmethod
    def forward(ctx, grad_output, input, grid):
        grad_input, _ = torch.ops.aten.grid_sampler_2d_backward(grad_output, input, grid, 0, 0, False, [True, False])
        ctx.save_for_backward(grid)
        return grad_input

    @staticmethod
    def backward(ctx, grad2_grad_input):
        grid, = ctx.saved_tensors
        return _GridSample2dForward.apply(grad2_grad_input, grid), None, None


def grid_sample(input, grid):
    return _GridSample2dForward.apply(input, grid)


def install(gradfix_module):
    """Makes `gradfix_module.grid_sample` (the official module object) use the differentiable backward."""
    gradfix_module.grid_sample = grid_sample
