using System.Collections.Frozen;
using PortfolioMargin.Correlation;
using PortfolioMargin.RealTime;

namespace PortfolioMargin.Solvency;

/// <summary>Parameters of a venue-wide stress test. Immutable (the maps are copied when set).</summary>
public sealed record VenueStressOptions
{
    /// <summary>No members (each account is its own), haircuts unchanged, no fund, Cover-2 by member.</summary>
    public static VenueStressOptions Default { get; } = new();

    /// <summary>Member by account id; an account not listed is a member of its own (its id). Null for none.</summary>
    public IReadOnlyDictionary<string, string>? Members { get; init => field = value?.ToFrozenDictionary(StringComparer.Ordinal); }

    /// <summary>Haircut under stress by collateral asset, in [0, 1): replaces the balance's haircut in the stressed valuation (the loss then includes the haircut increase). Null: haircuts unchanged.</summary>
    public IReadOnlyDictionary<Currency, double>? StressedHaircuts { get; init => field = value?.ToFrozenDictionary(); }

    /// <summary>The default (or insurance) fund the uncovered losses are held against, ≥ 0, report currency; default 0.</summary>
    public double DefaultFund { get; init; }

    /// <summary>Cover-1 or Cover-2; default Cover-2.</summary>
    public CoverStandard Standard { get; init; } = CoverStandard.Cover2;

    /// <summary>Whether members or accounts default in the cover; default members.</summary>
    public DefaulterLevel Level { get; init; } = DefaulterLevel.Member;

    /// <summary>How a member's uncovered loss is formed; default the sum of its accounts'.</summary>
    public MemberLossRule MemberLoss { get; init; } = MemberLossRule.SumOfAccounts;

    /// <summary>Status thresholds of the accounts under stress; null for <see cref="AccountThresholds.Default"/>.</summary>
    public AccountThresholds? Thresholds { get; init; }

    /// <summary>Correlation override per scenario id for models that take one (<see cref="Models.IStressMarginModel"/>); null for none.</summary>
    public IReadOnlyDictionary<string, CorrelationMatrix>? CorrelationOverrides { get; init => field = value?.ToFrozenDictionary(StringComparer.Ordinal); }

    /// <summary>Threads; null for every core. Results do not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    internal void Validate()
    {
        Guard.NonNegative(DefaultFund, "Default fund");
        if (!Enum.IsDefined(Standard) || !Enum.IsDefined(Level) || !Enum.IsDefined(MemberLoss))
        {
            throw new ArgumentOutOfRangeException(nameof(Standard), "Unknown cover standard, defaulter level or member loss rule.");
        }

        if (MaxDegreeOfParallelism is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "Degree of parallelism must be at least 1 (or null for every core).");
        }

        foreach (var h in StressedHaircuts ?? new Dictionary<Currency, double>())
        {
            if (!(h.Value >= 0 && h.Value < 1))
            {
                throw new ArgumentOutOfRangeException(nameof(StressedHaircuts), h.Value, $"Stressed haircut of {h.Key} must be in [0, 1), got {Guard.Format(h.Value)}.");
            }
        }

        foreach (var m in Members ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrWhiteSpace(m.Value))
            {
                Guard.ThrowArgument($"Account '{m.Key}' has a blank member.", nameof(Members));
            }
        }
    }
}
