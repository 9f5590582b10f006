using System.Diagnostics;
using Microsoft.Playwright;

namespace NeuroSim.Tests.Support;

/// <summary>
/// Debian's chromium, headless, driven by Microsoft.Playwright: the Playwright driver ships inside the NuGet package
/// and the browser is the system one (<see cref="ExecutablePath"/>), so nothing is downloaded. Installed first by
/// <c>tests/browser/chromium.sh install</c> when missing. Where it cannot be installed or started,
/// <see cref="FailureReason"/> says why and <see cref="Require"/> fails the test with it: no silent skip.
/// </summary>
public sealed class HeadlessChromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Null when the browser runs; otherwise one line saying why it does not.</summary>
    public string? FailureReason { get; private set; }

    /// <summary>Wall time from the install check to a launched browser.</summary>
    public TimeSpan StartTime { get; private set; }

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        try
        {
            if (ChildProcess.Install(Path.Combine(CliRunner.RepositoryRoot(), "tests", "browser", "chromium.sh")) is { } notInstalled)
            {
                FailureReason = $"chromium not installed: {notInstalled}";
                return;
            }

            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true });
        }
        catch (Exception e) when (e is PlaywrightException or System.ComponentModel.Win32Exception or IOException or TimeoutException)
        {
            FailureReason = $"could not start {ExecutablePath} through Playwright: {e.Message.Split('\n')[0]}";
        }

        StartTime = clock.Elapsed;
    }

    /// <summary>Fails the calling test with <see cref="FailureReason"/> when the browser is not running.</summary>
    public IBrowser Require()
    {
        if (FailureReason is not null || _browser is null)
        {
            Assert.Fail($"headless chromium not available: {FailureReason}");
        }

        return _browser;
    }

    /// <summary>
    /// Opens <paramref name="file"/> in a new page and returns it with everything the page reported as an error: console
    /// messages of type error, uncaught exceptions and failed requests.
    /// </summary>
    public async Task<(IPage Page, IReadOnlyList<string> Errors)> OpenAsync(string file)
    {
        var page = await Require().NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add($"console: {message.Text}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add($"page error: {error}");
            }
        };
        page.RequestFailed += (_, request) =>
        {
            lock (errors)
            {
                errors.Add($"request failed: {request.Url} ({request.Failure})");
            }
        };
        await page.GotoAsync(new Uri(Path.GetFullPath(file)).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });
        return (page, errors);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
