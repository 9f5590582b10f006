"""The dynamics of dynamics.py as whole-layer array operations, shared by the NumPy and PyTorch peers: each
supplies its `ops` (array creation, the pools' positive and negative parts, tanh, the plasticity update)."""

from dynamics import rates_of


class ArrayPeer:
    def __init__(self, parameters, snapshot, ops):
        self.r = rates_of(parameters)
        self.ops = ops
        self.x = [ops.array(v) for v in snapshot.rates]
        self.c = [ops.array(v) for v in snapshot.credit]
        self.b = [ops.array(v) for v in snapshot.biases]
        self.w = [ops.array(m) for m in snapshot.weights]
        self.inputs = [None if v is None else ops.array(v) for v in snapshot.inputs]
        self.targets = [None if v is None else ops.array(v) for v in snapshot.targets]
        # Step scratch, allocated once: one weight-sized matrix per projection.
        self.scratch = [ops.array(m) for m in snapshot.weights]

    def run(self, steps):
        ops, r = self.ops, self.r
        layers = len(self.x)
        for _ in range(steps):
            act, delta = [], []
            for k in range(layers):
                s = ops.copy(self.b[k])
                if k > 0:
                    w, scratch, pre = self.w[k - 1], self.scratch[k - 1], self.x[k - 1]
                    s += ops.positive_part(w, scratch) @ pre
                    s -= ops.negative_part(w, scratch) @ pre
                a = ops.tanh(s)
                f = 1.0 - a * a
                if self.inputs[k] is not None:
                    d = ops.zeros_like(s)
                elif self.targets[k] is not None:
                    d = (self.targets[k] - self.x[k]) * f
                else:
                    d = self.c[k] * f
                act.append(a)
                delta.append(d)
            for k in range(layers):
                if self.targets[k] is None:
                    collected = self.w[k].T @ delta[k + 1] if k + 1 < layers else ops.zeros_like(self.c[k])
                    self.c[k] += r.step * (collected * r.credit - r.credit * self.c[k])
            for k, w in enumerate(self.w):
                ops.add_outer(w, r.plasticity * delta[k + 1], self.x[k], r.step, self.scratch[k])
            for k in range(layers):
                if self.inputs[k] is None:
                    self.x[k] += r.step * (act[k] * r.firing - r.firing * self.x[k])
                self.b[k] += r.step * (r.plasticity * delta[k])
                if self.targets[k] is not None:
                    self.c[k] = self.targets[k] - self.x[k]

    def state(self):
        return [[self.ops.to_numpy(v) for v in group] for group in (self.x, self.c, self.b, self.w)]
