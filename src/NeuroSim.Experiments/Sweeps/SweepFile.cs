using NeuroSim.Core.Randomness;
using NeuroSim.Files;
using NeuroSim.Files.Yaml;

namespace NeuroSim.Experiments.Sweeps;

/// <summary>
/// Reads a sweep file (docs/sweeps.md). Every error names the file, line, column and field, before anything runs.
/// </summary>
public static class SweepFile
{
    /// <summary>Largest grid (points times seeds) a file may declare, so that a typo fails at once instead of queueing a million runs.</summary>
    public const int MaxRuns = 100_000;

    /// <summary>Most seeds a sweep may give as a count (`seeds: N`).</summary>
    public const int MaxSeeds = 10_000;

    private static readonly string[] TopFields = ["name", "description", "model", "protocol", "set", "variables", "parameters", "derived", "seeds", "metrics", "limits"];

    /// <summary>
    /// Reads the sweep file at <paramref name="path"/>; <paramref name="modelPath"/> and <paramref name="protocolPath"/>,
    /// when given, replace the file's own model and protocol (so that a shipped sweep runs on a user's model).
    /// </summary>
    public static SweepSpec Load(string path, string? modelPath = null, string? protocolPath = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var root = SpecDocument.Load(path);
        root.AllowOnly(TopFields);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var model = modelPath is null ? InputPath(root.Required("model"), folder) : GivenPath(modelPath, "--model");
        var protocol = protocolPath is null ? InputPath(root.Required("protocol"), folder) : GivenPath(protocolPath, "--protocol");
        var fixedSettings = root.Optional("set") is { } set ? set.Keys.Select(k => KeyValuePair.Create(k, Scalar(set.Required(k)))).ToList() : [];
        var dimensions = root.Optional("variables") is { } variables ? ReadDimensions(variables, variable: true) : [];
        if (root.Optional("parameters") is { } parameters)
        {
            dimensions.AddRange(ReadDimensions(parameters, variable: false));
        }
        else if (dimensions.Count == 0)
        {
            throw root.Error("missing field 'parameters': give at least one parameter (or variable) to vary");
        }

        var (derived, baseValues) = ReadDerived(root.Optional("derived"), dimensions, new BaseSettings(model, protocol, fixedSettings));
        var seeds = ReadSeeds(root.Optional("seeds"));
        var runs = dimensions.Aggregate(1L, (n, d) => n * d.Count) * seeds.Count;
        if (runs > MaxRuns)
        {
            throw root.Error($"the grid has {runs} runs (points x seeds); at most {MaxRuns}: use fewer points or seeds, or split the sweep");
        }

        var metrics = ReadMetrics(root.Required("metrics"));
        return new SweepSpec
        {
            Name = root.Optional("name")?.AsString() ?? Path.GetFileNameWithoutExtension(path),
            File = Path.GetFullPath(path),
            ModelPath = model,
            ProtocolPath = protocol,
            Dimensions = dimensions,
            Seeds = seeds,
            Metrics = metrics,
            Limits = ReadLimits(root.Optional("limits"), metrics, dimensions),
            Derived = derived,
            BaseValues = baseValues,
            Fixed = fixedSettings,
        };
    }

    private static string InputPath(SpecNode node, string folder)
    {
        var path = Path.GetFullPath(Path.Combine(folder, node.AsString()));
        return File.Exists(path) ? path : throw node.Error($"no file '{path}'");
    }

    private static string GivenPath(string path, string option) =>
        File.Exists(path) ? Path.GetFullPath(path) : throw new ArgumentException($"{option}: no file '{path}'");

    private static List<SweepDimension> ReadDimensions(SpecNode node, bool variable)
    {
        var dimensions = new List<SweepDimension>();
        foreach (var key in node.Keys)
        {
            var value = node.Required(key);
            if (key == "samples" && !variable)
            {
                dimensions.Add(ReadSamples(value));
            }
            else if (key == "zip" || key.StartsWith("zip ", StringComparison.Ordinal))
            {
                // "zip NAME:" names one of several zipped dimensions (a mapping holds one "zip" key); paths hold no spaces.
                var parameters = value.Keys.Select(k => ReadParameter(k, value.Required(k), variable)).ToList();
                if (parameters.Count == 0)
                {
                    throw value.Error("zip needs at least one parameter");
                }

                if (parameters.Any(p => p.Values.Count != parameters[0].Values.Count))
                {
                    throw value.Error($"zipped parameters must have the same number of values; got {string.Join(", ", parameters.Select(p => $"{p.Path}: {p.Values.Count}"))}");
                }

                dimensions.Add(new SweepDimension(parameters));
            }
            else
            {
                dimensions.Add(new SweepDimension([ReadParameter(key, value, variable)]));
            }
        }

        return dimensions.Count > 0 || variable ? dimensions : throw node.Error("give at least one parameter to vary");
    }

    /// <summary>A list of values, or {linear|log: [from, to], points: n}; numbers or durations with a unit.</summary>
    private static SweepParameter ReadParameter(string path, SpecNode node, bool variable)
    {
        if (variable)
        {
            if (path.Length == 0 || !char.IsAsciiLetterLower(path[0]) || path.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')))
            {
                throw node.Error($"variable name '{path}' must be lower-case letters, digits and '_', starting with a letter (it is used as {{{path}}})");
            }
        }
        else
        {
            CheckPath(path, node);
        }

        if (node.IsSequence)
        {
            var items = node.Items();
            if (items.Count == 0)
            {
                throw node.Error("give at least one value");
            }

            var values = items.Select(Value).ToList();
            var unit = Unit(items[0]);
            if (items.Any(i => Unit(i) != unit))
            {
                throw node.Error("mix of durations and plain values: give every value with a unit, or none");
            }

            // A list of positive values spanning two decades or more is drawn on a log axis, as a log range is.
            var numbers = values.Select(v => v.Number).ToList();
            var spansDecades = numbers.All(n => n > 0) && numbers.Max() >= 100 * numbers.Min();
            return new SweepParameter(path, unit, values, Log: spansDecades, variable);
        }

        node.AllowOnly("linear", "log", "points");
        var log = node.Optional("log");
        var range = log ?? node.Optional("linear") ?? throw node.Error("give a list of values, or {linear: [from, to], points: N} or {log: [from, to], points: N}");
        if (log is not null && node.Has("linear"))
        {
            throw node.Required("linear").Error("give linear or log, not both");
        }

        var ends = range.Items();
        if (ends.Count != 2)
        {
            throw range.Error($"give [from, to], got {ends.Count} values");
        }

        var rangeUnit = Unit(ends[0]);
        if (Unit(ends[1]) != rangeUnit)
        {
            throw range.Error("both ends need the same kind of value: two durations or two numbers");
        }

        var (from, to) = (Number(ends[0]), Number(ends[1]));
        var points = node.Required("points").AsInt(2, 10_000);
        if (log is not null && !(from > 0 && to > 0))
        {
            throw range.Error("a log range needs both ends > 0");
        }

        // Twelve significant digits: 10 ms to 1 s in 5 log steps is 31.6227766017 ms, not 31.62277660168379 ms.
        var spaced = Enumerable.Range(0, points).Select(k =>
        {
            var f = (double)k / (points - 1);
            var value = k == 0 ? from : k == points - 1 ? to : log is not null ? Math.Exp(Math.Log(from) + (f * (Math.Log(to) - Math.Log(from)))) : from + (f * (to - from));
            return double.Parse(value.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        });
        return new SweepParameter(path, rangeUnit, [.. spaced.Select(v => new SweepValue(Format(v, rangeUnit), v))], log is not null, variable);
    }

    /// <summary>
    /// {count: N, method: latin-hypercube|random, seed: S, parameters: {PATH: [low, high] | {log: [low, high]}}}: N points
    /// drawn together (one dimension). Latin hypercube: each parameter's range cut into N equal strata (in log space for
    /// log ranges), one value drawn in each, the strata paired across parameters by seeded random permutations.
    /// </summary>
    private static SweepDimension ReadSamples(SpecNode node)
    {
        node.AllowOnly("count", "method", "seed", "parameters");
        var count = node.Required("count").AsInt(1, MaxRuns);
        var latin = (node.Optional("method")?.AsChoice(["latin-hypercube", "random"]) ?? "latin-hypercube") == "latin-hypercube";
        var random = Seeds.Random(node.Optional("seed")?.AsSeed() ?? 1, SeedStreams.SweepSamples);
        var ranges = node.Required("parameters");
        var parameters = new List<SweepParameter>();
        foreach (var path in ranges.Keys)
        {
            var range = ranges.Required(path);
            CheckPath(path, range);
            var log = range.IsMapping ? range.AllowOnly("log").Required("log") : null;
            var ends = (log ?? range).Items();
            if (ends.Count != 2)
            {
                throw (log ?? range).Error($"give [low, high], got {ends.Count} values");
            }

            var unit = Unit(ends[0]);
            if (Unit(ends[1]) != unit)
            {
                throw (log ?? range).Error("both ends need the same kind of value: two durations or two numbers");
            }

            var (low, high) = (Number(ends[0]), Number(ends[1]));
            if (!(high > low) || (log is not null && !(low > 0)))
            {
                throw (log ?? range).Error(log is not null ? "a log range needs 0 < low < high" : "the range needs low < high");
            }

            var strata = Enumerable.Range(0, count).ToArray();
            if (latin)
            {
                for (var k = count - 1; k > 0; k--)
                {
                    var j = (int)(random.NextUniform(0, 1) * (k + 1));
                    (strata[k], strata[j]) = (strata[j], strata[k]);
                }
            }

            var values = strata.Select(stratum =>
            {
                var u = latin ? (stratum + random.NextUniform(0, 1)) / count : random.NextUniform(0, 1);
                var value = log is not null ? Math.Exp(Math.Log(low) + (u * (Math.Log(high) - Math.Log(low)))) : low + (u * (high - low));
                value = double.Parse(value.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                return new SweepValue(Format(value, unit), value);
            });
            parameters.Add(new SweepParameter(path, unit, [.. values], log is not null));
        }

        return parameters.Count > 0 ? new SweepDimension(parameters) : throw ranges.Error("give at least one parameter to sample");
    }

    private static void CheckPath(string path, SpecNode node)
    {
        try
        {
            OverridePath.Parse(path.StartsWith("protocol.", StringComparison.Ordinal) ? path["protocol.".Length..] : path);
        }
        catch (SpecException e)
        {
            throw node.Error(e.Detail);
        }
    }

    private static (List<DerivedSetting> Derived, Dictionary<string, double> BaseValues) ReadDerived(SpecNode? node, IReadOnlyList<SweepDimension> dimensions, BaseSettings baseSettings)
    {
        var known = dimensions.SelectMany(d => d.Parameters).Select(p => p.Path).ToList();
        var derived = new List<DerivedSetting>();
        var baseValues = new Dictionary<string, double>();
        foreach (var path in node?.Keys ?? [])
        {
            var value = node!.Required(path);
            CheckPath(path, value);
            if (known.Contains(path))
            {
                throw value.Error($"'{path}' is swept already; a setting is either swept or derived");
            }

            SweepExpression expression;
            try
            {
                expression = SweepExpression.Parse(value.AsString());
            }
            catch (ArgumentException e)
            {
                throw value.Error(e.Message);
            }

            foreach (var name in expression.Names.Where(n => !known.Contains(n) && !baseValues.ContainsKey(n)))
            {
                baseValues[name] = baseSettings.Number(name) ?? throw value.Error(
                    $"unknown name '{{{name}}}': not swept ({string.Join(", ", known.Select(k => $"{{{k}}}"))}), and no number or duration at '{name}' in {baseSettings.Describe(name)}");
            }

            derived.Add(new DerivedSetting(path, expression));
        }

        return (derived, baseValues);
    }

    /// <summary>
    /// The base model and protocol with the sweep's `set:` applied: what a {name} in a derived setting that is not swept
    /// refers to (e.g. {timescales.firing} is the model's firing time constant), so that a shipped sweep keeps a user's
    /// model's own values.
    /// </summary>
    private sealed class BaseSettings(string modelPath, string protocolPath, IReadOnlyList<KeyValuePair<string, string>> fixedSettings)
    {
        private readonly (List<KeyValuePair<string, string>> Model, List<KeyValuePair<string, string>> Protocol) settings = RunRequest.SplitOverrides(fixedSettings);
        private SpecNode? model;
        private SpecNode? protocol;

        public string Describe(string name) => IsProtocol(name) ? protocolPath : modelPath;

        /// <summary>The number (durations in ms) at <paramref name="name"/>, or null when there is none.</summary>
        public double? Number(string name)
        {
            var root = IsProtocol(name)
                ? protocol ??= SpecDocument.Load(protocolPath, settings.Protocol)
                : model ??= SpecDocument.Load(modelPath, settings.Model);
            SpecNode? node;
            try
            {
                node = root.At(IsProtocol(name) ? name[RunRequest.ProtocolPrefix.Length..] : name);
            }
            catch (SpecException)
            {
                return null;
            }

            if (node?.Text is not { } text)
            {
                return null;
            }

            return Durations.TryParseMs(text, out var ms) ? ms
                : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number
                : null;
        }

        private static bool IsProtocol(string name) => name.StartsWith(RunRequest.ProtocolPrefix, StringComparison.Ordinal);
    }

    private static string Unit(SpecNode node) => node.IsScalar && Durations.TryParseMs(node.Text ?? string.Empty, out _) ? "ms" : string.Empty;

    private static double Number(SpecNode node) => Unit(node) == "ms" ? node.AsDurationMs(double.NegativeInfinity) : node.AsDouble();

    private static SweepValue Value(SpecNode node)
    {
        var text = Scalar(node);
        return Unit(node) == "ms"
            ? new SweepValue(text, node.AsDurationMs(double.NegativeInfinity))
            : new SweepValue(text, double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN);
    }

    private static string Scalar(SpecNode node) => node.IsScalar ? node.Text ?? string.Empty : throw node.Error($"expected one value, found a {(node.IsSequence ? "list" : "mapping")}");

    private static string Format(double value, string unit) =>
        value.ToString("R", CultureInfo.InvariantCulture) + (unit.Length > 0 ? " " + unit : string.Empty);

    private static List<ulong> ReadSeeds(SpecNode? node)
    {
        if (node is null)
        {
            return [1];
        }

        if (node.IsScalar)
        {
            var count = node.AsInt(1, MaxSeeds);
            return [.. Enumerable.Range(1, count).Select(k => (ulong)k)];
        }

        var seeds = node.Items().Select(i => i.AsSeed()).ToList();
        return seeds.Count == 0 ? throw node.Error("give a number of seeds or a list of them")
            : seeds.Distinct().Count() != seeds.Count ? throw node.Error("a seed is listed twice") : seeds;
    }

    private static List<MetricSpec> ReadMetrics(SpecNode node)
    {
        var metrics = new List<MetricSpec>();
        foreach (var name in node.Keys)
        {
            var m = node.Required(name).AllowOnly("monitor", "column", "stat", "window", "of", "projection", "tolerance");
            if (name.Length == 0 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
            {
                throw node.Required(name).Error($"metric name '{name}' may hold letters, digits, '_' and '-' only (it becomes a column of sweep.csv)");
            }

            var (from, to) = (0.0, double.PositiveInfinity);
            if (m.Optional("window") is { } window)
            {
                var ends = window.Items();
                if (ends.Count != 2)
                {
                    throw window.Error("give [from, to] as durations, e.g. [100 ms, 200 ms]");
                }

                (from, to) = (ends[0].AsDurationMs(), ends[1].AsDurationMs());
                if (!(to > from))
                {
                    throw window.Error($"the window must end after it starts ({from} ms to {to} ms)");
                }
            }

            var stat = m.Required("stat").AsChoice(MetricSpec.Stats);
            var fromWeights = stat is "bp_deviation" or "bp_cosine" or "weight_change" || MetricSpec.StructureStats.Contains(stat);
            if (fromWeights && (m.Optional("monitor") ?? m.Optional("column") ?? m.Optional("window") ?? m.Optional("of")) is { } extra)
            {
                var source = stat == "weight_change" ? "compares final weights with the initial ones"
                    : MetricSpec.StructureStats.Contains(stat) ? "is computed from the final weights"
                    : "compares final weights with the adiabatic twin's";
                throw extra.Error($"{stat} {source}; it takes no monitor, column, window or of");
            }

            if (stat != "weight_change" && m.Optional("projection") is { } misplaced)
            {
                throw misplaced.Error("projection belongs to stat weight_change");
            }

            if (stat != "settle" && m.Optional("tolerance") is { } stray)
            {
                throw stray.Error("tolerance belongs to stat settle");
            }

            var projection = m.Optional("projection")?.AsString();
            if (projection is not null && (projection.Split("->") is not [{ Length: > 0 }, { Length: > 0 }]))
            {
                throw m.Required("projection").Error($"'{projection}' is not a projection; write pre->post, e.g. in->hidden");
            }

            var ofTwin = m.Optional("of")?.AsChoice(["run", "adiabatic"]) == "adiabatic";

            metrics.Add(new MetricSpec(name, fromWeights ? string.Empty : m.Required("monitor").AsString(), fromWeights ? string.Empty : m.Required("column").AsString(), stat, from, to)
            {
                Source = new NeuroSim.Models.Protocols.SourcePosition(m.File, m.Line, m.Column, m.Path),
                OfAdiabaticTwin = ofTwin,
                Projection = projection,
                Tolerance = m.Optional("tolerance")?.AsDouble(0, 1, minExclusive: true) ?? 0.01,
            });
        }

        return metrics.Count > 0 ? metrics : throw node.Error("give at least one metric");
    }

    private static List<LimitSpec> ReadLimits(SpecNode? node, IReadOnlyList<MetricSpec> metrics, IReadOnlyList<SweepDimension> dimensions)
    {
        var limits = new List<LimitSpec>();
        foreach (var item in node?.Items() ?? [])
        {
            item.AllowOnly("metric", "parameter", "below", "above");
            var metric = item.Required("metric").AsChoice([.. metrics.Select(m => m.Name)]);
            var parameter = item.Required("parameter").AsChoice([.. dimensions.SelectMany(d => d.Parameters).Select(p => p.Path)]);
            var below = item.Optional("below");
            var above = item.Optional("above");
            if ((below is null) == (above is null))
            {
                throw item.Error("give one of below: X or above: X");
            }

            limits.Add(new LimitSpec(metric, parameter, (below ?? above)!.AsDouble(), below is not null));
        }

        return limits;
    }
}
