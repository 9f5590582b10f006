"""Reads what `neurosim bench --export-state DIR` writes (BenchStateExport.cs): the bench network's parameters,
its initial state and its state after `steps` fused Euler steps. The one reader of that layout."""

import csv
import math
import os
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Parameters:
    neurons: int
    activation: str
    dt_ms: float
    tau_firing_ms: float
    tau_credit_ms: float
    tau_plasticity_ms: float
    learning_rate: float
    steps: int


@dataclass(frozen=True)
class Snapshot:
    """State of the layered network. Per layer (in order): rates x, credit c, biases b, clamped input rates
    (None where the layer is not clamped) and targets (None where it is not taught); weights[k] is the
    post x pre matrix from layer k to layer k + 1."""

    layers: list
    rates: list
    credit: list
    biases: list
    inputs: list
    targets: list
    weights: list


def read_parameters(folder):
    with open(os.path.join(folder, "parameters.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    if len(rows) != 1:
        raise ValueError(f"{folder}/parameters.csv: {len(rows)} rows; expected 1")
    row = rows[0]
    return Parameters(
        neurons=int(row["neurons"]),
        activation=row["activation"],
        dt_ms=float(row["dt_ms"]),
        tau_firing_ms=float(row["tau_firing_ms"]),
        tau_credit_ms=float(row["tau_credit_ms"]),
        tau_plasticity_ms=float(row["tau_plasticity_ms"]),
        learning_rate=float(row["learning_rate"]),
        steps=int(row["steps"]),
    )


def read_snapshot(folder):
    """`initial` or `final` of an export folder."""
    columns = {}
    layers = []
    with open(os.path.join(folder, "neurons.csv"), newline="") as f:
        for row in csv.DictReader(f):
            group = row["group"]
            if group not in columns:
                layers.append(group)
                columns[group] = {name: [] for name in ("rate", "credit", "input", "target")}
            for name, values in columns[group].items():
                values.append(float(row[name]))
    biases = _read_biases(os.path.join(folder, "biases.csv"), layers)

    def clamp(group, name):
        values = columns[group][name]
        return None if all(math.isnan(v) for v in values) else np.array(values)

    weights = []
    for pre, post in zip(layers, layers[1:]):
        matrix = np.loadtxt(os.path.join(folder, "weights", f"{pre}-{post}.csv"), delimiter=",", ndmin=2, dtype=np.float64)
        if matrix.shape != (len(columns[post]["rate"]), len(columns[pre]["rate"])):
            raise ValueError(f"{folder}/weights/{pre}-{post}.csv: shape {matrix.shape} does not match the layers")
        weights.append(matrix)
    return Snapshot(
        layers=layers,
        rates=[np.array(columns[g]["rate"]) for g in layers],
        credit=[np.array(columns[g]["credit"]) for g in layers],
        biases=[biases[g] for g in layers],
        inputs=[clamp(g, "input") for g in layers],
        targets=[clamp(g, "target") for g in layers],
        weights=weights,
    )


def _read_biases(path, layers):
    values = {g: [] for g in layers}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            values[row["group"]].append(float(row["bias"]))
    return {g: np.array(v) for g, v in values.items()}


def max_abs_difference(state, snapshot):
    """Largest |difference| over rates, credit, biases and weights between a peer's `state()` and a snapshot."""
    rates, credit, biases, weights = state
    pairs = list(zip(rates, snapshot.rates)) + list(zip(credit, snapshot.credit)) + list(zip(biases, snapshot.biases)) + list(zip(weights, snapshot.weights))
    return max(float(np.max(np.abs(np.asarray(a, dtype=np.float64) - b))) for a, b in pairs)
