using System.Collections.Immutable;
using System.Globalization;

namespace PortfolioMargin.Scenarios;

/// <summary>How a scenario's vol move is applied to an implied vol.</summary>
public enum VolMoveKind : byte
{
    /// <summary><c>σ' = σ + move</c> (vol points as a decimal: 0.05 = +5 vol points).</summary>
    Absolute = 0,

    /// <summary><c>σ' = σ·(1 + move)</c> (0.25 = vol up 25 %).</summary>
    Relative = 1,
}

/// <summary>
/// The shock one scenario applies to one underlying: a relative price move (applied to spot and every forward), and
/// a vol move, optionally scaled by time to expiry: <c>move(T) = move · (ReferenceDays / max(DTE, 1))^TermExponent</c>
/// (Deribit style; exponent 0 = no scaling). Immutable.
/// </summary>
public sealed record UnderlyingShock
{
    /// <summary>Creates a shock.</summary>
    /// <param name="priceMove">Relative price move, e.g. −0.10 for −10 %; must be &gt; −1 and finite.</param>
    /// <param name="volMove">Vol move (see <paramref name="volMoveKind"/>); finite.</param>
    /// <param name="volMoveKind">Absolute vol points or relative.</param>
    /// <param name="termExponent">Exponent <c>p</c> of the time-to-expiry scaling (0 = none); finite, ≥ 0.</param>
    /// <param name="referenceDays">Reference days to expiry of the scaling (default 30); &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN/infinite or out of range.</exception>
    public UnderlyingShock(double priceMove, double volMove = 0, VolMoveKind volMoveKind = VolMoveKind.Absolute, double termExponent = 0, double referenceDays = 30)
    {
        Guard.Finite(priceMove, "Scenario price move");
        if (!(priceMove > -1))
        {
            throw new ArgumentOutOfRangeException(nameof(priceMove), priceMove, $"Scenario price move must be > -1 (a fall of less than 100 %), got {Guard.Format(priceMove)}.");
        }

        Guard.Finite(volMove, "Scenario vol move");
        Guard.NonNegative(termExponent, "Scenario vol term exponent");
        Guard.Positive(referenceDays, "Scenario vol reference days");
        if (!Enum.IsDefined(volMoveKind))
        {
            throw new ArgumentOutOfRangeException(nameof(volMoveKind), volMoveKind, "Unknown vol move kind.");
        }

        PriceMove = priceMove;
        VolMove = volMove;
        VolMoveKind = volMoveKind;
        TermExponent = termExponent;
        ReferenceDays = referenceDays;
    }

    /// <summary>Relative price move.</summary>
    public double PriceMove { get; }

    /// <summary>Vol move before term scaling.</summary>
    public double VolMove { get; }

    /// <summary>Absolute or relative vol move.</summary>
    public VolMoveKind VolMoveKind { get; }

    /// <summary>Exponent of the time-to-expiry scaling of the vol move (0 = none).</summary>
    public double TermExponent { get; }

    /// <summary>Reference days of the time-to-expiry scaling.</summary>
    public double ReferenceDays { get; }

    /// <summary>No move at all.</summary>
    public static UnderlyingShock None { get; } = new(0);

    /// <summary>The vol move applied to an option <paramref name="daysToExpiry"/> days from expiry (scaled when <see cref="TermExponent"/> &gt; 0, DTE floored at 1 day).</summary>
    public double VolMoveFor(double daysToExpiry) =>
        TermExponent == 0 ? VolMove : VolMove * Math.Pow(ReferenceDays / Math.Max(daysToExpiry, 1.0), TermExponent);

    /// <summary>E.g. <c>price -10.0%, vol +5.00 pts</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"price {PriceMove:+0.0##%;-0.0##%;0%}, vol {(VolMoveKind == VolMoveKind.Absolute ? $"{VolMove * 100:+0.00;-0.00;0} pts" : $"{VolMove:+0.0#%;-0.0#%;0%}")}{(TermExponent > 0 ? $" x ({ReferenceDays:0}/DTE)^{TermExponent:0.##}" : "")}");
}

/// <summary>
/// One scenario: a shock per underlying (explicit, or <see cref="Default"/> for any underlying not listed), a time
/// shift (look-ahead: options lose that much time to expiry), and a weight (the fraction of the scenario's P&amp;L that
/// counts, e.g. 0.35 for SPAN's extreme moves). Scenario P&amp;L of a position = <c>weight · (V_shocked − V_base)</c>
/// by full revaluation. Immutable.
/// </summary>
public sealed record Scenario
{
    /// <summary>Creates a scenario.</summary>
    /// <param name="id">Stable id, unique within a set (e.g. <c>S07</c>, <c>UP3_VOLDN</c>).</param>
    /// <param name="name">Display name.</param>
    /// <param name="shocks">Shocks by underlying symbol (may be empty).</param>
    /// <param name="defaultShock">Shock for underlyings not in <paramref name="shocks"/>; null means such underlyings are an error.</param>
    /// <param name="weight">Fraction of the scenario P&amp;L that counts; finite, in (0, 10].</param>
    /// <param name="timeShiftDays">Look-ahead in days (≥ 0).</param>
    /// <exception cref="ArgumentException">Blank id, bad weight or time shift, or no shock at all.</exception>
    public Scenario(string id, string name, IReadOnlyDictionary<string, UnderlyingShock>? shocks, UnderlyingShock? defaultShock, double weight = 1.0, double timeShiftDays = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (!(weight > 0 && weight <= 10) || !double.IsFinite(weight))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, $"Scenario '{id}': weight must be in (0, 10], got {Guard.Format(weight)}.");
        }

        Guard.NonNegative(timeShiftDays, $"Scenario '{id}': time shift (days)");
        var map = shocks is null ? ImmutableSortedDictionary<string, UnderlyingShock>.Empty : shocks.ToImmutableSortedDictionary(StringComparer.Ordinal);
        foreach (var kv in map)
        {
            if (string.IsNullOrWhiteSpace(kv.Key) || kv.Value is null)
            {
                Guard.ThrowArgument($"Scenario '{id}': shocks need a non-blank underlying symbol and a shock.", nameof(shocks));
            }
        }

        if (map.IsEmpty && defaultShock is null)
        {
            Guard.ThrowArgument($"Scenario '{id}': give at least one underlying shock or a default shock.", nameof(shocks));
        }

        Id = id;
        Name = string.IsNullOrWhiteSpace(name) ? id : name;
        Shocks = map;
        Default = defaultShock;
        Weight = weight;
        TimeShiftDays = timeShiftDays;
    }

    /// <summary>A scenario applying the same shock to every underlying.</summary>
    public static Scenario Uniform(string id, string name, UnderlyingShock shock, double weight = 1.0, double timeShiftDays = 0) =>
        new(id, name, null, Guard.NotNull(shock), weight, timeShiftDays);

    /// <summary>Stable id.</summary>
    public string Id { get; }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>Explicit shocks by underlying symbol.</summary>
    public ImmutableSortedDictionary<string, UnderlyingShock> Shocks { get; }

    /// <summary>Shock for underlyings not listed; null when only the listed underlyings may be shocked.</summary>
    public UnderlyingShock? Default { get; }

    /// <summary>Fraction of the scenario P&amp;L that counts.</summary>
    public double Weight { get; }

    /// <summary>Look-ahead in days.</summary>
    public double TimeShiftDays { get; }

    /// <summary>The shock for an underlying.</summary>
    /// <exception cref="ArgumentException">The underlying is not listed and the scenario has no default shock.</exception>
    public UnderlyingShock ShockFor(string symbol)
    {
        if (Shocks.TryGetValue(symbol, out UnderlyingShock? s))
        {
            return s;
        }

        return Default ?? throw new ArgumentException($"Scenario '{Id}' has no shock for underlying '{symbol}' and no default shock.", nameof(symbol));
    }

    /// <summary>Id and name.</summary>
    public override string ToString() => $"{Id} ({Name})";
}

/// <summary>An ordered, named set of scenarios with unique ids. Immutable.</summary>
public sealed record ScenarioSet
{
    /// <summary>Largest accepted number of scenarios in one set.</summary>
    public const int MaxScenarios = 100_000;

    /// <summary>Creates a set.</summary>
    /// <exception cref="ArgumentException">Empty set, duplicate ids, or too many scenarios.</exception>
    public ScenarioSet(string name, IEnumerable<Scenario> scenarios)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(scenarios);
        var list = scenarios.ToImmutableArray();
        if (list.IsEmpty || list.Length > MaxScenarios)
        {
            Guard.ThrowArgument($"Scenario set '{name}' must hold 1 to {MaxScenarios} scenarios, got {list.Length}.", nameof(scenarios));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Scenario s in list)
        {
            if (s is null)
            {
                Guard.ThrowArgument($"Scenario set '{name}' contains a null scenario.", nameof(scenarios));
            }

            if (!seen.Add(s.Id))
            {
                Guard.ThrowArgument($"Scenario set '{name}' has the id '{s.Id}' twice; ids must be unique.", nameof(scenarios));
            }
        }

        Name = name;
        Scenarios = list;
    }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>The scenarios in order.</summary>
    public ImmutableArray<Scenario> Scenarios { get; }

    /// <summary>Number of scenarios.</summary>
    public int Count => Scenarios.Length;

    /// <summary>Name and count.</summary>
    public override string ToString() => $"{Name} ({Count} scenarios)";
}
