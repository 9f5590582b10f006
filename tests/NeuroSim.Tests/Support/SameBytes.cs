namespace NeuroSim.Tests.Support;

/// <summary>The byte-identity check of run folders: two ways to the same result must write the same files, bit for bit.</summary>
internal static class SameBytes
{
    /// <summary>
    /// Asserts that each of <paramref name="files"/> (paths relative to both folders) has the same bytes in
    /// <paramref name="actualFolder"/> as in <paramref name="expectedFolder"/>; <paramref name="when"/> ends the failure message.
    /// </summary>
    public static void InFolders(string expectedFolder, string actualFolder, IEnumerable<string> files, string when = "")
    {
        foreach (var file in files)
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(expectedFolder, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actualFolder, file))),
                $"{file} differs{when}");
        }
    }
}
