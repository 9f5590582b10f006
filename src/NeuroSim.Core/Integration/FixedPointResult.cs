namespace NeuroSim.Core.Integration;

/// <summary>Outcome of <see cref="FixedPointSolver.Solve"/>.</summary>
/// <param name="Converged">Whether the last update met the tolerance.</param>
/// <param name="Iterations">Number of map applications.</param>
/// <param name="Residual">max_k |G(y)_k - y_k| of the last application.</param>
public readonly record struct FixedPointResult(bool Converged, int Iterations, double Residual);
