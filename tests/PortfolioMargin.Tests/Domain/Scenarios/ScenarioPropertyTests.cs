using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Tests.Domain.Scenarios;

/// <summary>Invariants of the builders for any valid parameters.</summary>
public sealed class ScenarioPropertyTests
{
    // A valid grid: k moves below 0, j above, spacing 1 bp to 4 % (so k · spacing < 1).
    private static UniformGridParameters Grid(byte below, byte above, ushort spacingBp, bool unchanged, bool asymmetricVol)
    {
        int k = below % 21, j = above % 21;
        double step = ((spacingBp % 400) + 1) * 1e-4;
        return new UniformGridParameters(k + j + 1, k * step, j * step, 0.1, asymmetricVol ? 0.05 : 0.1, includeVolUnchanged: unchanged);
    }

    [Property(MaxTest = 300)]
    public bool Grid_ids_are_unique_for_any_valid_parameters(byte below, byte above, ushort spacingBp, bool unchanged, bool asym)
    {
        var set = Grid(below, above, spacingBp, unchanged, asym).Build();
        return set.Scenarios.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count() == set.Count;
    }

    [Property(MaxTest = 300)]
    public bool Grid_moves_lie_in_minus_a_plus_b_include_0_and_count_is_N_times_legs(byte below, byte above, ushort spacingBp, bool unchanged, bool asym)
    {
        var g = Grid(below, above, spacingBp, unchanged, asym);
        var set = g.Build();
        return set.Scenarios.All(s => s.Default!.PriceMove >= -g.Down && s.Default.PriceMove <= g.Up)
            && g.PriceMoves.Contains(0.0)
            && g.PriceMoves[0] == -g.Down && g.PriceMoves[^1] == g.Up
            && set.Count == g.Points * (unchanged ? 3 : 2);
    }

    [Property(MaxTest = 200)]
    public bool Symmetric_grid_moves_are_symmetric(byte half, ushort spacingBp)
    {
        var g = Grid(half, half, spacingBp, true, false);
        return Enumerable.Range(0, g.Points).All(i => Math.Abs(g.PriceMoves[i] + g.PriceMoves[g.Points - 1 - i]) < 1e-12);
    }

    [Property(MaxTest = 200)]
    public bool Classic16_ids_are_S01_to_S16_and_moves_lie_within_k_times_range(ushort rangeBp, byte k10, bool relative)
    {
        double range = ((rangeBp % 2400) + 1) * 1e-4; // up to 24 %
        double k = 1 + (k10 % 21) / 10.0; // 1 to 3
        var set = new Classic16Parameters(range, 0.1, relative ? VolMoveKind.Relative : VolMoveKind.Absolute, k).Build();
        return set.Scenarios.Select((s, i) => s.Id == $"S{i + 1:00}").All(x => x)
            && set.Scenarios.All(s => Math.Abs(s.Default!.PriceMove) <= (k * range) + 1e-15);
    }

    [Property(MaxTest = 100)]
    public Property Negative_or_non_finite_term_exponent_is_rejected(NormalFloat e)
    {
        double exponent = -Math.Abs(e.Get) - 1e-9;
        return Prop.ToProperty(
            Throws(() => new UniformGridParameters(3, 0.1, 0.1, 0.1, 0.1, termExponent: exponent), "termExponent")
            && Throws(() => new UniformGridParameters(3, 0.1, 0.1, 0.1, 0.1, termExponent: double.NaN), "termExponent")
            && Throws(() => new ExtendedTableParameters([new(0.5, 0.1, 0.5)], termExponent: exponent), "termExponent"));
    }

    [Property(MaxTest = 100)]
    public Property Non_positive_reference_days_are_rejected(NormalFloat d)
    {
        double days = -Math.Abs(d.Get);
        return Prop.ToProperty(
            Throws(() => new UniformGridParameters(3, 0.1, 0.1, 0.1, 0.1, termExponent: 0.3, referenceDays: days), "referenceDays")
            && Throws(() => new UniformGridParameters(3, 0.1, 0.1, 0.1, 0.1, referenceDays: double.PositiveInfinity), "referenceDays"));
    }

    private static bool Throws(Func<object> build, string param)
    {
        try
        {
            build();
            return false;
        }
        catch (ArgumentOutOfRangeException ex)
        {
            return ex.ParamName == param;
        }
    }
}
