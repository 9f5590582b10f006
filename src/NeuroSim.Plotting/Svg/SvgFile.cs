using System.Diagnostics;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using NeuroSim.Core.RunFolders;

namespace NeuroSim.Plotting.Svg;

/// <summary>Writes SVG files atomically and converts them to PNG when rsvg-convert is installed.</summary>
public static class SvgFile
{
    /// <summary>Writes with <see cref="AtomicFile"/>, creating the folder.</summary>
    public static void Write(XDocument document, string path)
    {
        ArgumentNullException.ThrowIfNull(document);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no folder"));
        var settings = new XmlWriterSettings { Indent = true, IndentChars = " ", Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        AtomicFile.Write(full, stream =>
        {
            using var writer = XmlWriter.Create(stream, settings);
            document.Save(writer);
        });
    }

    /// <summary>The rsvg-convert executable on PATH, or null when it is not installed.</summary>
    public static string? FindRsvgConvert()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "rsvg-convert", "rsvg-convert.exe" })
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Converts <paramref name="svgPath"/> to a PNG beside it (same name, .png) at 2x resolution when
    /// rsvg-convert is installed. Returns the PNG path, or null when the program is not installed or the
    /// conversion failed (neither is an error: the SVG is the result).
    /// </summary>
    public static string? TryConvertToPng(string svgPath, double zoom = 2)
    {
        var tool = FindRsvgConvert();
        if (tool is null)
        {
            return null;
        }

        var png = Path.ChangeExtension(Path.GetFullPath(svgPath), ".png");
        var temporary = AtomicFile.TemporaryPathOf(png);
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "--zoom", zoom.ToString(System.Globalization.CultureInfo.InvariantCulture), "--background-color", "white", "-o", temporary, svgPath })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            if (!process.WaitForExit(60_000) || process.ExitCode != 0 || !File.Exists(temporary))
            {
                return null;
            }

            AtomicFile.Commit(temporary, png);
            return png;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
