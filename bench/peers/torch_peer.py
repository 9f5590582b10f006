"""PyTorch peer: the dynamics of dynamics.py in float64 tensors on the CPU, with `threads` intra-op threads."""

import torch

from dynamics import rates_of


class TorchPeer:
    def __init__(self, parameters, snapshot, threads):
        torch.set_num_threads(threads)
        self.r = rates_of(parameters)

        def tensor(v):
            return None if v is None else torch.from_numpy(v.copy())

        self.x = [tensor(v) for v in snapshot.rates]
        self.c = [tensor(v) for v in snapshot.credit]
        self.b = [tensor(v) for v in snapshot.biases]
        self.w = [tensor(m) for m in snapshot.weights]
        self.inputs = [tensor(v) for v in snapshot.inputs]
        self.targets = [tensor(v) for v in snapshot.targets]
        self.positive = [torch.empty_like(m) for m in self.w]

    @torch.no_grad()
    def run(self, steps):
        r = self.r
        layers = len(self.x)
        for _ in range(steps):
            act, delta = [], []
            for k in range(layers):
                s = self.b[k].clone()
                if k > 0:
                    w, positive = self.w[k - 1], self.positive[k - 1]
                    torch.clamp(w, min=0.0, out=positive)
                    s += torch.mv(positive, self.x[k - 1])
                    torch.neg(w, out=positive)
                    positive.clamp_(min=0.0)
                    s -= torch.mv(positive, self.x[k - 1])
                a = torch.tanh(s)
                f = 1.0 - a * a
                if self.inputs[k] is not None:
                    d = torch.zeros_like(s)
                elif self.targets[k] is not None:
                    d = (self.targets[k] - self.x[k]) * f
                else:
                    d = self.c[k] * f
                act.append(a)
                delta.append(d)
            for k in range(layers):
                if self.targets[k] is None:
                    collected = torch.mv(self.w[k].t(), delta[k + 1]) if k + 1 < layers else torch.zeros_like(self.c[k])
                    self.c[k] += r.step * (collected * r.credit - r.credit * self.c[k])
            for k, w in enumerate(self.w):
                w.addr_(r.plasticity * delta[k + 1], self.x[k], alpha=r.step)
            for k in range(layers):
                if self.inputs[k] is None:
                    self.x[k] += r.step * (act[k] * r.firing - r.firing * self.x[k])
                self.b[k] += r.step * (r.plasticity * delta[k])
                if self.targets[k] is not None:
                    self.c[k] = self.targets[k] - self.x[k]

    def state(self):
        return [[t.numpy() for t in group] for group in (self.x, self.c, self.b, self.w)]
