using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace NeuroSim.Files.Yaml;

/// <summary>
/// Loads a YAML file into a <see cref="SpecNode"/> tree, with syntax errors reported at their line and column.
/// Nesting depth and alias expansion are limited while parsing (before any tree is built), mapping keys
/// must be plain scalars and may not repeat.
/// </summary>
public static class SpecDocument
{
    /// <summary>Deepest nesting of lists and mappings accepted.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most nodes a document may hold, counting every alias as the nodes it stands for.</summary>
    public const long MaxNodes = 1_000_000;

    /// <summary>Parses <paramref name="text"/> (named <paramref name="file"/> in errors) and applies "path=value" overrides.</summary>
    public static SpecNode Parse(string text, string file, IEnumerable<KeyValuePair<string, string>>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var root = LoadRoot(text, file, commandLine: false) as YamlMappingNode
            ?? throw new SpecException(file, 1, 1, string.Empty, "the file must hold a YAML mapping of fields");
        var overridden = new HashSet<YamlNode>();
        foreach (var (path, value) in overrides ?? [])
        {
            Override(root, path, value, overridden, file);
        }

        return new SpecNode(root, file, string.Empty, overridden);
    }

    /// <summary>The YAML text of <paramref name="node"/> (after overrides), for recording what a run actually used.</summary>
    public static string Serialize(SpecNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        new YamlStream(new YamlDocument(node.Node)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    public static SpecNode Load(string path, IEnumerable<KeyValuePair<string, string>>? overrides = null) =>
        Parse(InputFiles.ReadYaml(path), path, overrides);

    /// <summary>
    /// The first document's root node (null when there is none), parsed under the depth and alias limits and
    /// checked for non-scalar keys. Errors are placed in <paramref name="file"/>, at line and column 0 for
    /// text given on the command line.
    /// </summary>
    private static YamlNode? LoadRoot(string text, string file, bool commandLine)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(text);
        var parser = new GuardedParser(new Parser(reader), file, commandLine);
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            var detail = (e.InnerException?.Message ?? e.Message).ReplaceLineEndings(" ");
            var (l, c) = commandLine ? (0, 0) : ((int)e.Start.Line, (int)e.Start.Column);
            throw new SpecException(file, l, c, string.Empty, $"YAML syntax error: {detail}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner throws these, without a position, on some unterminated flow collections.
            var (l, c) = commandLine ? (0, 0) : ((int)parser.LastGood.Line, (int)parser.LastGood.Column);
            throw new SpecException(file, l, c, string.Empty, "YAML syntax error after this point: an unclosed '{' or '[' ?");
        }

        if (stream.Documents.Count == 0)
        {
            return null;
        }

        var rootNode = stream.Documents[0].RootNode;
        CheckKeys(rootNode, file, commandLine);
        return rootNode;
    }

    /// <summary>Refuses mapping keys that are lists or mappings (the depth limit bounds the walk; aliases are visited once).</summary>
    private static void CheckKeys(YamlNode root, string file, bool commandLine)
    {
        var seen = new HashSet<YamlNode>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<YamlNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (!seen.Add(node))
            {
                continue;
            }

            switch (node)
            {
                case YamlMappingNode mapping:
                    foreach (var (key, value) in mapping.Children)
                    {
                        if (key is not YamlScalarNode)
                        {
                            var (l, c) = commandLine ? (0, 0) : ((int)key.Start.Line, (int)key.Start.Column);
                            throw new SpecException(file, l, c, string.Empty, $"a mapping key must be a plain name, not a {(key is YamlSequenceNode ? "list" : "mapping")}");
                        }

                        pending.Push(value);
                    }

                    break;
                case YamlSequenceNode sequence:
                    foreach (var child in sequence.Children)
                    {
                        pending.Push(child);
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// Counts nesting depth and nodes (aliases counted as the size of what they refer to) in the parser events,
    /// so that deep nesting and alias bombs are refused before YamlDotNet's recursive loader builds anything.
    /// Also remembers where the last successfully parsed event ended, for errors reported without one.
    /// </summary>
    private sealed class GuardedParser(IParser inner, string file, bool commandLine) : IParser
    {
        private readonly Dictionary<string, long> anchorSizes = new(StringComparer.Ordinal);
        private readonly Stack<(string? Anchor, long Start)> open = new();
        private long nodes;

        public Mark LastGood { get; private set; } = Mark.Empty;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            var moved = inner.MoveNext();
            switch (inner.Current)
            {
                case Scalar scalar:
                    nodes++;
                    if (!scalar.Anchor.IsEmpty)
                    {
                        anchorSizes[scalar.Anchor.Value] = 1;
                    }

                    break;
                case NodeEvent start and (SequenceStart or MappingStart):
                    if (open.Count >= MaxDepth)
                    {
                        throw Refuse(start, $"nested more than {MaxDepth} levels deep");
                    }

                    open.Push((start.Anchor.IsEmpty ? null : start.Anchor.Value, nodes));
                    nodes++;
                    break;
                case SequenceEnd or MappingEnd when open.Count > 0:
                    var (anchor, first) = open.Pop();
                    if (anchor is not null)
                    {
                        anchorSizes[anchor] = nodes - first;
                    }

                    break;
                case AnchorAlias alias:
                    if (!anchorSizes.TryGetValue(alias.Value.Value, out var size))
                    {
                        throw Refuse(alias, $"alias '*{alias.Value.Value}' refers to no complete anchor before it");
                    }

                    nodes += size;
                    break;
            }

            if (nodes > MaxNodes)
            {
                throw Refuse(inner.Current, $"more than {MaxNodes} values (aliases counted as what they repeat)");
            }

            if (inner.Current is { } current)
            {
                LastGood = current.End;
            }

            return moved;
        }

        private SpecException Refuse(ParsingEvent? at, string detail) =>
            commandLine || at is null
                ? new SpecException(file, 0, 0, string.Empty, detail)
                : new SpecException(file, (int)at.Start.Line, (int)at.Start.Column, string.Empty, detail);
    }

    private static void Override(YamlMappingNode root, string path, string value, HashSet<YamlNode> overridden, string file)
    {
        var steps = OverridePath.Parse(path);
        YamlNode node = root;
        for (var k = 0; k < steps.Count - 1; k++)
        {
            node = Child(node, steps, k, path, file) ?? throw new SpecException("(--set)", 0, 0, path, $"'{OverridePath.Format(steps, k + 1)}' does not exist in {file}");
        }

        // The value is YAML too, so "--set clamps.input=[in]" gives a list; it gets the same limits as a file.
        YamlNode parsed;
        try
        {
            parsed = LoadRoot(value, "(--set)", commandLine: true) ?? new YamlScalarNode(string.Empty);
        }
        catch (SpecException e)
        {
            throw new SpecException("(--set)", 0, 0, path, $"'{value}' is not valid YAML: {e.Detail}");
        }

        Replace(node, steps, path, file, parsed);
        foreach (var child in parsed.AllNodes)
        {
            overridden.Add(child);
        }
    }
    /// <summary>The node that step <paramref name="k"/> of the path names inside <paramref name="node"/>, or null when a field is missing.</summary>
    private static YamlNode? Child(YamlNode node, IReadOnlyList<OverridePath.Step> steps, int k, string path, string file)
    {
        var step = steps[k];
        if (step.Index is { } index)
        {
            var list = node as YamlSequenceNode
                ?? throw new SpecException("(--set)", 0, 0, path, $"'{OverridePath.Format(steps, k)}' is not a list in {file}, so [{index}] cannot index it");
            return index < list.Children.Count
                ? list.Children[index]
                : throw new SpecException("(--set)", 0, 0, path, $"'{OverridePath.Format(steps, k + 1)}' is out of range: '{OverridePath.Format(steps, k)}' has {list.Children.Count} items in {file} (index 0 to {list.Children.Count - 1})");
        }

        var mapping = node as YamlMappingNode
            ?? throw new SpecException("(--set)", 0, 0, path, $"'{OverridePath.Format(steps, k)}' is not a mapping of fields in {file}");
        return mapping.Children.TryGetValue(new YamlScalarNode(step.Key), out var child) ? child : null;
    }

    /// <summary>Puts <paramref name="value"/> where the last step of the path points: a field (added when missing) or an existing list item.</summary>
    private static void Replace(YamlNode parent, IReadOnlyList<OverridePath.Step> steps, string path, string file, YamlNode value)
    {
        var last = steps.Count - 1;
        if (steps[last].Index is not null)
        {
            _ = Child(parent, steps, last, path, file);
            ((YamlSequenceNode)parent).Children[steps[last].Index!.Value] = value;
            return;
        }

        var mapping = parent as YamlMappingNode
            ?? throw new SpecException("(--set)", 0, 0, path, $"'{OverridePath.Format(steps, last)}' is not a mapping of fields in {file}");
        mapping.Children[new YamlScalarNode(steps[last].Key)] = value;
    }
}
