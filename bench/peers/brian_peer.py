"""Brian2 peer: the dynamics of dynamics.py as Brian2 equations, one NeuronGroup per layer and one Synapses
object per projection, integrated with Brian2's `euler`; C++ standalone (`cpp`) or runtime Cython (`cython`).

Brian2 updates summed variables just before their target group (when='groups', order = target's - 1); the
order below makes every derivative see the state of time t, as the fused Euler step does:
E and I pools (-4), then the retrograde credit sum W^T delta (-3), then dw/dt (-2), then the neurons (0);
c = y - x on taught neurons at the end of the step."""

import os

import numpy as np

from dynamics import rates_of

NEURONS = """
dx/dt = moving * (tanh(s) - x) / tau_firing : 1
dc/dt = (1 - taught) * (ct - c) / tau_credit : 1
db/dt = plasticity * delta : 1
s = E - I + b : 1
delta = moving * (taught * (y - x) + (1 - taught) * c) * (1 - tanh(s)**2) : 1
E : 1
I : 1
ct : 1
moving : 1 (constant)
taught : 1 (constant)
y : 1 (constant)
"""

SYNAPSES = """
E_post = clip(w, 0, inf) * x_pre : 1 (summed)
I_post = clip(-w, 0, inf) * x_pre : 1 (summed)
ct_pre = w * delta_post : 1 (summed)
dw/dt = plasticity * delta_post * x_pre : 1 (clock-driven)
"""


class BrianPeer:
    def __init__(self, parameters, snapshot, target, build_folder):
        import brian2 as b2

        self.b2 = b2
        self.target = target
        self.build_folder = build_folder
        if target == "cpp":
            b2.set_device("cpp_standalone", directory=build_folder, build_on_run=False)
        else:
            b2.prefs.codegen.target = "cython"
        r = rates_of(parameters)
        b2.defaultclock.dt = r.step * b2.ms
        self.namespace = {
            "tau_firing": parameters.tau_firing_ms * b2.ms,
            "tau_credit": parameters.tau_credit_ms * b2.ms,
            "plasticity": r.plasticity / b2.ms,
        }
        self.groups = []
        for k, rates in enumerate(snapshot.rates):
            g = b2.NeuronGroup(len(rates), NEURONS, method="euler", namespace=self.namespace, name=f"L{k}")
            g.x = rates
            g.c = snapshot.credit[k]
            g.b = snapshot.biases[k]
            g.moving = 0.0 if snapshot.inputs[k] is not None else 1.0
            if snapshot.targets[k] is not None:
                g.taught = 1.0
                g.y = snapshot.targets[k]
                g.run_regularly("c = y - x", when="end", name=f"L{k}_taught")
            self.groups.append(g)
        self.synapses = []
        for k, w in enumerate(snapshot.weights):
            s = b2.Synapses(self.groups[k], self.groups[k + 1], SYNAPSES, method="euler", namespace=self.namespace, name=f"W{k}")
            posts, pres = w.shape
            # Post-major synapse order, so that w is the row-major post x pre matrix.
            s.connect(i=np.tile(np.arange(pres), posts), j=np.repeat(np.arange(posts), pres))
            s.w = w.ravel()
            s.summed_updaters["E_post"].order = -4
            s.summed_updaters["I_post"].order = -4
            s.summed_updaters["ct_pre"].order = -3
            s.state_updater.order = -2
            self.synapses.append(s)
        self.network = b2.Network(self.groups, self.synapses)
        self.last_run_seconds = None

    def run(self, steps):
        """Runs `steps` steps; `last_run_seconds` is the simulation's own time (without compilation)."""
        b2 = self.b2
        self.network.run(steps * b2.defaultclock.dt, namespace=self.namespace)
        if self.target == "cpp":
            b2.device.build(directory=self.build_folder, compile=True, run=True, with_output=False)
        self.last_run_seconds = b2.device._last_run_time

    def state(self):
        rates = [np.array(g.x[:]) for g in self.groups]
        credit = [np.array(g.c[:]) for g in self.groups]
        biases = [np.array(g.b[:]) for g in self.groups]
        weights = [np.array(s.w[:]).reshape(self.groups[k + 1].N, self.groups[k].N) for k, s in enumerate(self.synapses)]
        return rates, credit, biases, weights
