using System.Diagnostics;

namespace NeuroSim.Tests.Support;

/// <summary>Runs a program to its end with a timeout, and the install step of the test fixtures' scripts.</summary>
internal static class ChildProcess
{
    public static CommandResult Run(ProcessStartInfo info, TimeSpan timeout)
    {
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{info.FileName} {string.Join(' ', info.ArgumentList)} still running after {timeout.TotalSeconds:0} s");
        }

        return new CommandResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>
    /// Runs <c>bash SCRIPT install</c>, which installs the script's Debian packages when they are missing (as .ci/run
    /// does; a no-op in a fraction of a second when they are there), so that the README's test command works on a
    /// fresh machine. Null when it succeeded, otherwise the last line of its error output.
    /// </summary>
    public static string? Install(string script)
    {
        var install = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        install.ArgumentList.Add(script);
        install.ArgumentList.Add("install");
        // apt-get install of the peers' packages from scratch took 4 min here; a slow mirror gets room on top.
        var installed = Run(install, TimeSpan.FromMinutes(15));
        return installed.ExitCode == 0 ? null : installed.Stderr.Trim().Split('\n')[^1];
    }
}
