using System.ComponentModel;
using System.Diagnostics;

namespace NeuroSim.Analysis.Benchmarking;

/// <summary>
/// Runs bench/peers/peer.py for one peer in its own process (each peer picks its BLAS or thread count per
/// process) with Debian's Python, where bench/peers/install.sh puts the packages.
/// </summary>
public static class PeerProcess
{
    /// <summary>Debian's interpreter: the packages are installed for it, not for a python3 earlier on PATH.</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>Longest a peer may take: Brian2's C++ build plus a measurement at N = 4000 on a loaded machine.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>`peer.py NAME FOLDER ARGUMENTS...`: its one result line, or its one-line reason for failing.</summary>
    public static PeerOutcome Run(string peersFolder, string name, string exportFolder, IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[Path.Combine(peersFolder, PeerBench.Entry), name, exportFolder, .. arguments])
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(info) ?? throw new InvalidOperationException($"{Python} did not start");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return new PeerOutcome(output.Result, $"{name}: still running after {Timeout.TotalMinutes:0} min");
            }

            var lastError = error.Result.Trim().Split('\n')[^1];
            return process.ExitCode == 0
                ? new PeerOutcome(output.Result, null)
                : new PeerOutcome(output.Result, $"{name}: exit code {process.ExitCode}: {lastError}");
        }
        catch (Win32Exception e)
        {
            return new PeerOutcome("", $"{name}: {Python} not found ({e.Message}); run bench/peers/install.sh");
        }
    }
}

/// <summary>A peer process's standard output and, when it failed, why.</summary>
public sealed record PeerOutcome(string Output, string? Failure)
{
    /// <summary>The number after `key=` on a line of the output, or null.</summary>
    public double? Value(string key)
    {
        foreach (var line in Output.Split('\n'))
        {
            if (line.StartsWith(key + "=", StringComparison.Ordinal)
                && double.TryParse(line.AsSpan(key.Length + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
        }

        return null;
    }
}
