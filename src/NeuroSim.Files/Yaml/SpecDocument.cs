using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NeuroSim.Files.Yaml;

/// <summary>Loads a YAML file into a <see cref="SpecNode"/> tree, with syntax errors reported at their line and column.</summary>
public static class SpecDocument
{
    /// <summary>Parses <paramref name="text"/> (named <paramref name="file"/> in errors) and applies "path=value" overrides.</summary>
    public static SpecNode Parse(string text, string file, IEnumerable<KeyValuePair<string, string>>? overrides = null)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(text);
        var parser = new PositionTrackingParser(new Parser(reader));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            var detail = (e.InnerException?.Message ?? e.Message).ReplaceLineEndings(" ");
            throw new SpecException(file, (int)e.Start.Line, (int)e.Start.Column, string.Empty, $"YAML syntax error: {detail}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, on some unterminated flow collections.
            throw new SpecException(file, (int)parser.LastGood.Line, (int)parser.LastGood.Column, string.Empty, "YAML syntax error after this point: an unclosed '{' or '[' ?");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new SpecException(file, 1, 1, string.Empty, "the file must hold a YAML mapping of fields");
        }

        var overridden = new HashSet<YamlNode>();
        foreach (var (path, value) in overrides ?? [])
        {
            Override(root, path, value, overridden, file);
        }

        return new SpecNode(root, file, string.Empty, overridden);
    }

    public static SpecNode Load(string path, IEnumerable<KeyValuePair<string, string>>? overrides = null)
    {
        if (!File.Exists(path))
        {
            throw new SpecException(path, 0, 0, string.Empty, "file not found");
        }

        return Parse(File.ReadAllText(path), path, overrides);
    }

    /// <summary>Remembers where the last successfully parsed event ended, for errors the scanner reports without one.</summary>
    private sealed class PositionTrackingParser(IParser inner) : IParser
    {
        public Mark LastGood { get; private set; } = Mark.Empty;

        public YamlDotNet.Core.Events.ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            var moved = inner.MoveNext();
            if (inner.Current is { } current)
            {
                LastGood = current.End;
            }

            return moved;
        }
    }

    private static void Override(YamlMappingNode root, string path, string value, HashSet<YamlNode> overridden, string file)
    {
        var keys = path.Split('.');
        var node = root;
        for (var k = 0; k < keys.Length - 1; k++)
        {
            if (!node.Children.TryGetValue(new YamlScalarNode(keys[k]), out var child) || child is not YamlMappingNode mapping)
            {
                throw new SpecException("(--set)", 0, 0, path, $"'{string.Join('.', keys[..(k + 1)])}' is not a mapping of fields in {file}");
            }

            node = mapping;
        }

        // The value is YAML too, so "--set clamps.input=[in]" gives a list.
        var snippet = new YamlStream();
        try
        {
            using var reader = new StringReader(value);
            snippet.Load(reader);
        }
        catch (YamlException e)
        {
            throw new SpecException("(--set)", 0, 0, path, $"'{value}' is not valid YAML: {(e.InnerException?.Message ?? e.Message).ReplaceLineEndings(" ")}");
        }

        YamlNode parsed = snippet.Documents.Count == 0 ? new YamlScalarNode(string.Empty) : snippet.Documents[0].RootNode;
        node.Children[new YamlScalarNode(keys[^1])] = parsed;
        foreach (var child in parsed.AllNodes)
        {
            overridden.Add(child);
        }
    }
}
