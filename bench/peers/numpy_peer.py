"""NumPy peer: the dynamics of dynamics.py with whole-layer array operations; the matrix-vector products go
through whichever BLAS the process loaded (peer.py picks reference BLAS or OpenBLAS)."""

import numpy as np

from dynamics import rates_of


class NumpyPeer:
    def __init__(self, parameters, snapshot):
        self.r = rates_of(parameters)
        self.x = [v.copy() for v in snapshot.rates]
        self.c = [v.copy() for v in snapshot.credit]
        self.b = [v.copy() for v in snapshot.biases]
        self.w = [m.copy() for m in snapshot.weights]
        self.inputs = snapshot.inputs
        self.targets = snapshot.targets
        # Step scratch, allocated once.
        self.positive = [np.empty_like(m) for m in self.w]
        self.update = [np.empty_like(m) for m in self.w]

    def run(self, steps):
        r = self.r
        layers = len(self.x)
        for _ in range(steps):
            act, delta = [], []
            for k in range(layers):
                s = self.b[k].copy()
                if k > 0:
                    w, positive = self.w[k - 1], self.positive[k - 1]
                    np.maximum(w, 0.0, out=positive)
                    s += positive @ self.x[k - 1]
                    np.negative(w, out=positive)
                    np.maximum(positive, 0.0, out=positive)
                    s -= positive @ self.x[k - 1]
                a = np.tanh(s)
                f = 1.0 - a * a
                if self.inputs[k] is not None:
                    d = np.zeros_like(s)
                elif self.targets[k] is not None:
                    d = (self.targets[k] - self.x[k]) * f
                else:
                    d = self.c[k] * f
                act.append(a)
                delta.append(d)
            for k in range(layers):
                if self.targets[k] is None:
                    collected = self.w[k].T @ delta[k + 1] if k + 1 < layers else np.zeros_like(self.c[k])
                    self.c[k] += r.step * (collected * r.credit - r.credit * self.c[k])
            for k, w in enumerate(self.w):
                np.outer(r.plasticity * delta[k + 1], self.x[k], out=self.update[k])
                self.update[k] *= r.step
                w += self.update[k]
            for k in range(layers):
                if self.inputs[k] is None:
                    self.x[k] += r.step * (act[k] * r.firing - r.firing * self.x[k])
                self.b[k] += r.step * (r.plasticity * delta[k])
                if self.targets[k] is not None:
                    self.c[k] = self.targets[k] - self.x[k]

    def state(self):
        return self.x, self.c, self.b, self.w
