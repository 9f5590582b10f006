"""PyTorch peer (array_peer.py with float64 CPU tensors), with `threads` intra-op threads."""

import torch

from array_peer import ArrayPeer


class TorchOps:
    tanh = staticmethod(torch.tanh)
    zeros_like = staticmethod(torch.zeros_like)

    @staticmethod
    def array(v):
        return torch.from_numpy(v.copy())

    @staticmethod
    def copy(v):
        return v.clone()

    @staticmethod
    def to_numpy(v):
        return v.numpy()

    @staticmethod
    def positive_part(w, out):
        return torch.clamp(w, min=0.0, out=out)

    @staticmethod
    def negative_part(w, out):
        torch.neg(w, out=out)
        return out.clamp_(min=0.0)

    @staticmethod
    def add_outer(w, a, x, h, scratch):
        """w += h (a x^T) in one pass (BLAS ger); differs from NeuroSim's order by rounding only."""
        w.addr_(a, x, alpha=h)


def torch_peer(parameters, snapshot, threads):
    torch.set_num_threads(threads)
    torch.set_grad_enabled(False)
    return ArrayPeer(parameters, snapshot, TorchOps)
