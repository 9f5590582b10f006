"""The bench network's dynamics, stated once for every peer (NeuroSim: BalanceCreditModel.Fused.cs).

Layers L0 -> L1 -> L2 (N/4, N/2, N/4), dense, tanh. Every derivative is taken at the state of time t, then
one explicit Euler step of h = dt:

    E_i = sum_j max(w_ij, 0) x_j        I_i = sum_j max(-w_ij, 0) x_j        (separate pools)
    s_i = E_i - I_i + b_i               a_i = tanh(s_i)        f_i = 1 - tanh(s_i)^2
    delta_i = 0 on clamped neurons (L0), (y_i - x_i) f_i on taught ones (L2), c_i f_i elsewhere
    x_i += h (a_i / tau_x - x_i / tau_x)                  (not on clamped neurons)
    c_j += h (sum_i w_ij delta_i / tau_c - c_j / tau_c)   (old w; not on taught neurons)
    w_ij += h (eta / tau_w) delta_i x_j                   (firing, credit and plasticity all active)
    b_i += h (eta / tau_w) delta_i
    then x = input on clamped neurons and c = y - x on taught ones.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Rates:
    """1 / tau of each process and the plasticity rate eta / tau_w, in 1/ms, and the step h in ms."""

    firing: float
    credit: float
    plasticity: float
    step: float


def rates_of(parameters):
    if parameters.activation != "tanh":
        raise ValueError(f"activation {parameters.activation}: the peers implement tanh only")
    return Rates(
        firing=1.0 / parameters.tau_firing_ms,
        credit=1.0 / parameters.tau_credit_ms,
        plasticity=parameters.learning_rate / parameters.tau_plasticity_ms,
        step=parameters.dt_ms,
    )
