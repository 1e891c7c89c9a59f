using System.Collections.Frozen;

namespace PortfolioMargin.Models.AddOns;

/// <summary>
/// The liquidity and concentration add-ons a <see cref="LiquidityAddOnModel"/> charges on top of any model:
/// concentration rules per underlying and close-out (bid-ask) spreads per underlying, per instrument, or for all.
/// Immutable.
/// </summary>
public sealed record LiquidityAddOns
{
    /// <summary>Creates the add-ons.</summary>
    /// <param name="concentration">Concentration rules, at most one per underlying; null for none.</param>
    /// <param name="spreadsByUnderlying">Close-out spreads by underlying symbol; null for none.</param>
    /// <param name="spreadsByInstrument">Close-out spreads by instrument name, overriding the underlying's; null for none.</param>
    /// <param name="defaultSpread">Spread for positions matched by neither map; null for none.</param>
    /// <exception cref="ArgumentException">Two rules for one underlying, a blank key, a bad rule or spread (named).</exception>
    public LiquidityAddOns(IEnumerable<ConcentrationRule>? concentration = null, IReadOnlyDictionary<string, CloseOutSpread>? spreadsByUnderlying = null,
        IReadOnlyDictionary<string, CloseOutSpread>? spreadsByInstrument = null, CloseOutSpread? defaultSpread = null)
    {
        var rules = new Dictionary<string, ConcentrationRule>(StringComparer.Ordinal);
        foreach (ConcentrationRule r in concentration ?? [])
        {
            ArgumentNullException.ThrowIfNull(r, nameof(concentration));
            r.Validate();
            if (!rules.TryAdd(r.Underlying, r))
            {
                Guard.ThrowArgument($"Two concentration rules for underlying '{r.Underlying}'.", nameof(concentration));
            }
        }

        Concentration = rules.ToFrozenDictionary(StringComparer.Ordinal);
        SpreadsByUnderlying = Spreads(spreadsByUnderlying, "underlying");
        SpreadsByInstrument = Spreads(spreadsByInstrument, "instrument");
        defaultSpread?.Validate("every other position");
        DefaultSpread = defaultSpread;
    }

    /// <summary>Concentration rule by underlying symbol.</summary>
    public FrozenDictionary<string, ConcentrationRule> Concentration { get; }

    /// <summary>Close-out spread by underlying symbol.</summary>
    public FrozenDictionary<string, CloseOutSpread> SpreadsByUnderlying { get; }

    /// <summary>Close-out spread by instrument name (overrides the underlying's).</summary>
    public FrozenDictionary<string, CloseOutSpread> SpreadsByInstrument { get; }

    /// <summary>Spread for positions matched by neither map, or null.</summary>
    public CloseOutSpread? DefaultSpread { get; }

    /// <summary>The spread that applies to an instrument, or null.</summary>
    internal CloseOutSpread? SpreadFor(string instrument, string underlying) =>
        SpreadsByInstrument.TryGetValue(instrument, out CloseOutSpread? s) ? s
        : SpreadsByUnderlying.TryGetValue(underlying, out s) ? s
        : DefaultSpread;

    private static FrozenDictionary<string, CloseOutSpread> Spreads(IReadOnlyDictionary<string, CloseOutSpread>? map, string what)
    {
        foreach (var kv in map ?? new Dictionary<string, CloseOutSpread>())
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(kv.Key, nameof(map));
            ArgumentNullException.ThrowIfNull(kv.Value, nameof(map));
            kv.Value.Validate($"{what} '{kv.Key}'");
        }

        return (map ?? new Dictionary<string, CloseOutSpread>()).ToFrozenDictionary(StringComparer.Ordinal);
    }
}
