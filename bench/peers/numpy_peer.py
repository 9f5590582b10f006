"""NumPy peer (array_peer.py with NumPy arrays): the matrix-vector products go through whichever BLAS the process
loaded (peer.py picks reference BLAS or OpenBLAS)."""

import numpy as np

from array_peer import ArrayPeer


class NumpyOps:
    array = staticmethod(np.array)
    copy = staticmethod(np.copy)
    tanh = staticmethod(np.tanh)
    zeros_like = staticmethod(np.zeros_like)

    @staticmethod
    def to_numpy(v):
        return v

    @staticmethod
    def positive_part(w, out):
        return np.maximum(w, 0.0, out=out)

    @staticmethod
    def negative_part(w, out):
        np.negative(w, out=out)
        return np.maximum(out, 0.0, out=out)

    @staticmethod
    def add_outer(w, a, x, h, scratch):
        """w += (a x^T) h, in NeuroSim's order: each product a_i x_j first, then scaled by h."""
        np.outer(a, x, out=scratch)
        scratch *= h
        w += scratch


def numpy_peer(parameters, snapshot):
    return ArrayPeer(parameters, snapshot, NumpyOps)
