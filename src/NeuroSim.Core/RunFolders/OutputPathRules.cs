namespace NeuroSim.Core.RunFolders;

/// <summary>
/// Which paths may be given as an output folder. A folder that holds the working directory, the home
/// directory or any input file is refused outright, whatever it contains: replacing it would take the
/// user's files with it, and one mistyped `--out ~` must not be able to do that.
/// </summary>
public static class OutputPathRules
{
    /// <summary>Throws <see cref="OutputRefusedException"/> when <paramref name="outputPath"/> can never be an output folder.</summary>
    public static void Check(string option, string outputPath, IEnumerable<string> inputs)
    {
        if (outputPath.Any(char.IsControl))
        {
            throw new OutputRefusedException($"{option}: the folder name holds control characters ({Escape(outputPath)}); give a plain name");
        }

        var full = Normalize(outputPath);
        if (Path.GetPathRoot(full) == full)
        {
            throw new OutputRefusedException($"{option} '{outputPath}' is the root of a file system; give a new folder, e.g. {option} runs/NAME");
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 0 && IsSameOrAncestor(full, Normalize(home)))
        {
            throw new OutputRefusedException($"{option} '{outputPath}' is the home directory or holds it; give a new folder, e.g. {option} runs/NAME");
        }

        if (IsSameOrAncestor(full, Normalize(Environment.CurrentDirectory)))
        {
            throw new OutputRefusedException($"{option} '{outputPath}' is the current directory or holds it; give a new folder, e.g. {option} runs/NAME");
        }

        foreach (var input in inputs)
        {
            if (IsSameOrAncestor(full, Normalize(input)))
            {
                throw new OutputRefusedException($"{option} '{outputPath}' holds the input file '{input}'; give a folder that does not contain the inputs");
            }
        }
    }

    /// <summary>The full path without a trailing separator, links in the existing part resolved.</summary>
    public static string Normalize(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        return ResolveLinks(full);
    }

    private static string Escape(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString()));

    private static bool IsSameOrAncestor(string folder, string path) =>
        path == folder || path.StartsWith(folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>Follows symbolic links component by component, so that a link to the home directory counts as the home directory.</summary>
    private static string ResolveLinks(string full)
    {
        var root = Path.GetPathRoot(full) ?? string.Empty;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            try
            {
                if (new DirectoryInfo(current).ResolveLinkTarget(returnFinalTarget: true) is { } target)
                {
                    current = Path.TrimEndingDirectorySeparator(target.FullName);
                }
                else if (new FileInfo(current).ResolveLinkTarget(returnFinalTarget: true) is { } fileTarget)
                {
                    current = fileTarget.FullName;
                }
            }
            catch (IOException)
            {
                // A broken or looping link: keep the name as given.
            }
        }

        return current;
    }
}
