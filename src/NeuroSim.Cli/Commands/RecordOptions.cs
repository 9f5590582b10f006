namespace NeuroSim.Cli.Commands;

/// <summary>
/// Options that each set one property of a settings record: every option is declared once, next to the property it
/// sets and with that property's default, and <see cref="Bind"/> applies them all in declaration order (so that when
/// two values are bad, the first declared is the one reported).
/// </summary>
internal sealed class RecordOptions<TRecord>(TRecord defaults)
    where TRecord : class
{
    private readonly List<Func<TRecord, ParseResult, TRecord>> setters = [];

    public TRecord Defaults { get; } = defaults;

    /// <summary>An option whose default is <paramref name="get"/> of <see cref="Defaults"/> and whose value <paramref name="set"/> applies.</summary>
    public Option<TValue> Add<TValue>(string name, string description, Func<TRecord, TValue> get, Func<TRecord, TValue, TRecord> set)
    {
        ArgumentNullException.ThrowIfNull(get);
        var value = get(Defaults);
        return Add(new Option<TValue>(name) { Description = description, DefaultValueFactory = _ => value }, set);
    }

    /// <summary><paramref name="option"/>, built by the caller, whose value <paramref name="set"/> applies.</summary>
    public Option<TValue> Add<TValue>(Option<TValue> option, Func<TRecord, TValue, TRecord> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        setters.Add((record, parse) => set(record, parse.GetValue(option)!));
        return option;
    }

    /// <summary><see cref="Defaults"/> with the value of every option applied.</summary>
    public TRecord Bind(ParseResult parse) => setters.Aggregate(Defaults, (record, set) => set(record, parse));
}
