using System.Collections.Immutable;

namespace PortfolioMargin.Models.Grid;

/// <summary>The scenario-grid model's parameters: a versioned set of per-group parameters plus inter-group spreads. Immutable.</summary>
public sealed record GridParameters
{
    /// <summary>Creates the parameter set.</summary>
    /// <param name="version">Version label (e.g. <c>DERIBIT-PM-2024-06</c>), reported in results.</param>
    /// <param name="groups">Parameters by underlying symbol.</param>
    /// <param name="interSpreads">Inter-group spread credits (optional).</param>
    /// <exception cref="ArgumentException">Blank version, a bad spread (rate outside [0,1], fewer than two legs, a side missing, unknown group).</exception>
    public GridParameters(string version, IReadOnlyDictionary<string, GridGroupParameters> groups, IEnumerable<InterGroupSpread>? interSpreads = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(groups);
        var map = groups.ToImmutableSortedDictionary(StringComparer.Ordinal);
        var spreads = (interSpreads ?? []).OrderBy(s => s.Priority).ToImmutableArray();
        foreach (InterGroupSpread s in spreads)
        {
            if (!(s.CreditRate >= 0 && s.CreditRate <= 1))
            {
                Guard.ThrowArgument($"Inter-group spread priority {s.Priority}: credit rate must be in [0, 1], got {Guard.Format(s.CreditRate)}.", nameof(interSpreads));
            }

            if (s.Legs.IsDefaultOrEmpty || s.Legs.Length < 2 || !s.Legs.Any(l => l.Side == SpreadSide.A) || !s.Legs.Any(l => l.Side == SpreadSide.B))
            {
                Guard.ThrowArgument($"Inter-group spread priority {s.Priority}: needs at least one leg on each side.", nameof(interSpreads));
            }

            foreach (InterSpreadLeg leg in s.Legs)
            {
                Guard.Positive(leg.DeltaPerSpread, $"Inter-group spread priority {s.Priority}, leg {leg.Group}: delta per spread");
                if (!map.ContainsKey(leg.Group))
                {
                    Guard.ThrowArgument($"Inter-group spread priority {s.Priority}: leg group '{leg.Group}' has no group parameters.", nameof(interSpreads));
                }
            }
        }

        Version = version;
        Groups = map;
        InterSpreads = spreads;
    }

    /// <summary>Version label.</summary>
    public string Version { get; }

    /// <summary>Parameters by underlying symbol.</summary>
    public ImmutableSortedDictionary<string, GridGroupParameters> Groups { get; }

    /// <summary>Inter-group spreads in priority order.</summary>
    public ImmutableArray<InterGroupSpread> InterSpreads { get; }

    /// <summary>The parameters of a group.</summary>
    /// <exception cref="KeyNotFoundException">The parameter set has no entry for the group (names the group and version).</exception>
    public GridGroupParameters For(string group) =>
        Groups.TryGetValue(group, out GridGroupParameters? g)
            ? g
            : throw new KeyNotFoundException($"Grid parameter set '{Version}' has no parameters for risk group '{group}'.");
}
