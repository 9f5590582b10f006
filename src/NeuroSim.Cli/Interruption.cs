using System.Runtime.InteropServices;

namespace NeuroSim.Cli;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM. A command that can stop cleanly (checkpoint, manifest, resumable folder) opens a
/// <see cref="Scope"/>: the first signal then only cancels its token, and the command finishes its step, writes its
/// state and exits with <see cref="Scope.ExitCode"/>. Any other command, or a second signal, ends the process at once as
/// the signal's default does (exit 130 or 143), after the terminal's cursor is shown again: a progress display hides it.
/// </summary>
internal static class Interruption
{
    public const int InterruptExitCode = 130;
    public const int TerminateExitCode = 143;

    private static readonly Lock Gate = new();
    private static Scope? active;
    private static TextWriter? messages;

    /// <summary>Installs the process-wide handlers; <paramref name="error"/> receives the one line printed on a hard stop.</summary>
    public static IDisposable Install(TextWriter error)
    {
        messages = error;
        var registrations = new[]
        {
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        };
        return new Registrations(registrations);
    }

    /// <summary>Lets the caller stop cleanly on the first signal, for as long as the scope lives.</summary>
    public static Scope Handle()
    {
        lock (Gate)
        {
            active = new Scope();
            return active;
        }
    }

    private static void OnSignal(PosixSignalContext context)
    {
        lock (Gate)
        {
            if (active is { Signal: null } scope)
            {
                scope.Cancel(context.Signal);
                context.Cancel = true;
                messages?.WriteLine($"neurosim: {Name(context.Signal)} received: stopping after the current step and writing a checkpoint (send it again to stop at once)");
                return;
            }
        }

        RestoreTerminal();
        messages?.WriteLine($"neurosim: {Name(context.Signal)} received: stopped at once; nothing unfinished was renamed into place");
        context.Cancel = false;
    }

    private static string Name(PosixSignal signal) => signal == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT";

    private static void RestoreTerminal()
    {
        if (!Console.IsOutputRedirected)
        {
            Console.Out.Write("\u001b[?25h");
            Console.Out.Flush();
        }
    }

    /// <summary>One cleanly stoppable stretch of work.</summary>
    internal sealed class Scope : IDisposable
    {
        private readonly CancellationTokenSource source = new();

        public CancellationToken Token => source.Token;

        public PosixSignal? Signal { get; private set; }

        /// <summary>130 after SIGINT, 143 after SIGTERM.</summary>
        public int ExitCode => Signal == PosixSignal.SIGTERM ? TerminateExitCode : InterruptExitCode;

        public void Cancel(PosixSignal signal)
        {
            Signal = signal;
            source.Cancel();
        }

        public void Dispose()
        {
            lock (Gate)
            {
                if (ReferenceEquals(active, this))
                {
                    active = null;
                }
            }

            source.Dispose();
        }
    }

    private sealed class Registrations(PosixSignalRegistration[] registrations) : IDisposable
    {
        public void Dispose()
        {
            foreach (var registration in registrations)
            {
                registration.Dispose();
            }

            messages = null;
        }
    }
}
