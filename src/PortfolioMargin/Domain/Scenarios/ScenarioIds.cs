using System.Globalization;

namespace PortfolioMargin.Scenarios;

/// <summary>
/// Builds the stable scenario ids and names of the builders (documented in <c>docs/scenarios.md</c>) and holds the
/// argument checks they share.
/// </summary>
internal static class ScenarioIds
{
    /// <summary>Id suffix of the vol-up leg.</summary>
    public const string VolUp = "VU";

    /// <summary>Id suffix of the vol-unchanged leg.</summary>
    public const string VolUnchanged = "V0";

    /// <summary>Id suffix of the vol-down leg.</summary>
    public const string VolDown = "VD";

    /// <summary>A relative move as a signed percentage with one to three decimals: <c>+4.0%</c>, <c>-66.0%</c>, <c>0%</c>.</summary>
    public static string Move(double move)
    {
        double pct = Math.Round(move * 100, 3, MidpointRounding.AwayFromZero);
        return pct == 0 ? "0%" : pct.ToString("+0.0##;-0.0##", CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>Display text of a vol leg.</summary>
    public static string LegName(string leg) => leg switch
    {
        VolUp => "vol up",
        VolDown => "vol down",
        _ => "vol unchanged",
    };

    /// <summary>Checks a vol-scaling pair the way <see cref="UnderlyingShock"/> does, but with the builder's parameter names.</summary>
    public static void CheckVol(VolMoveKind volKind, double termExponent, double referenceDays, string owner)
    {
        if (!Enum.IsDefined(volKind))
        {
            throw new ArgumentOutOfRangeException(nameof(volKind), volKind, $"{owner}: unknown vol move kind {volKind}.");
        }

        Guard.NonNegative(termExponent, $"{owner}: vol term exponent", nameof(termExponent));
        Guard.Positive(referenceDays, $"{owner}: vol reference days", nameof(referenceDays));
    }
}
