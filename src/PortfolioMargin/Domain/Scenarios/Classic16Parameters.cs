using System.Collections.Immutable;
using System.Globalization;

namespace PortfolioMargin.Scenarios;

/// <summary>
/// Parameters of the classic 16-scenario scan (SPAN-style risk array layout): price moves 0, ±1/3, ±2/3, ±3/3 of the
/// price scan range, each with vol up and vol down by the vol scan range (scenarios 1–14), then an extreme move up and
/// down of <see cref="ExtremeMultiple"/> × the range with vol unchanged and weight <see cref="ExtremeWeight"/>
/// (scenarios 15–16). Immutable; the constructor validates.
/// </summary>
/// <remarks>
/// <para>Order and ids (the published CME layout, see <c>docs/scenarios.md</c>): <c>S01</c> unchanged / vol up,
/// <c>S02</c> unchanged / vol down, <c>S03</c>/<c>S04</c> up 1/3, <c>S05</c>/<c>S06</c> down 1/3, <c>S07</c>/<c>S08</c>
/// up 2/3, <c>S09</c>/<c>S10</c> down 2/3, <c>S11</c>/<c>S12</c> up 3/3, <c>S13</c>/<c>S14</c> down 3/3 (odd = vol up,
/// even = vol down), <c>S15</c> extreme up, <c>S16</c> extreme down.</para>
/// <para>The price scan range is relative here (0.10 = 10 % of the underlying price); SPAN files state it in price
/// units per contract, which the SPAN reader handles separately.</para>
/// </remarks>
public sealed record Classic16Parameters
{
    /// <summary>Number of scenarios the builder produces.</summary>
    public const int ScenarioCount = 16;

    /// <summary>Creates the parameters.</summary>
    /// <param name="priceScanRange">Relative price scan range, e.g. 0.10 for ±10 %; finite, in (0, 1).</param>
    /// <param name="volScanRange">Vol scan range (vol points as a decimal when <paramref name="volKind"/> is absolute, a fraction when relative); finite, ≥ 0.</param>
    /// <param name="volKind">How the vol scan range is applied.</param>
    /// <param name="extremeMultiple">Extreme move as a multiple of the price scan range (CME: 2; some other CCPs: 3); finite, ≥ 1, and <c>extremeMultiple · priceScanRange</c> &lt; 1.</param>
    /// <param name="extremeWeight">Weight (fraction of the P&amp;L that counts) of the two extreme scenarios (CME: 0.35); in (0, 1].</param>
    /// <param name="timeShiftDays">Look-ahead of every scenario in days (SPAN: typically one trading day); finite, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN/infinite or out of its range; the message names the parameter and value.</exception>
    public Classic16Parameters(double priceScanRange, double volScanRange, VolMoveKind volKind = VolMoveKind.Absolute, double extremeMultiple = 2, double extremeWeight = 0.35, double timeShiftDays = 0)
    {
        const string Owner = "Classic 16";
        Guard.Finite(priceScanRange, $"{Owner}: price scan range");
        if (!(priceScanRange > 0 && priceScanRange < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(priceScanRange), priceScanRange, $"{Owner}: price scan range must be in (0, 1) (relative, 0.10 = 10 %), got {Guard.Format(priceScanRange)}.");
        }

        Guard.NonNegative(volScanRange, $"{Owner}: vol scan range");
        ScenarioIds.CheckVol(volKind, 0, 30, Owner);
        Guard.Finite(extremeMultiple, $"{Owner}: extreme multiple");
        if (!(extremeMultiple >= 1) || !(extremeMultiple * priceScanRange < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(extremeMultiple), extremeMultiple,
                $"{Owner}: extreme multiple must be >= 1 and extreme multiple x price scan range < 1, got {Guard.Format(extremeMultiple)} x {Guard.Format(priceScanRange)}.");
        }

        if (!(extremeWeight > 0 && extremeWeight <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(extremeWeight), extremeWeight, $"{Owner}: extreme weight must be in (0, 1], got {Guard.Format(extremeWeight)}.");
        }

        Guard.NonNegative(timeShiftDays, $"{Owner}: time shift (days)");
        PriceScanRange = priceScanRange;
        VolScanRange = volScanRange;
        VolKind = volKind;
        ExtremeMultiple = extremeMultiple;
        ExtremeWeight = extremeWeight;
        TimeShiftDays = timeShiftDays;
    }

    /// <summary>Relative price scan range (0.10 = 10 %).</summary>
    public double PriceScanRange { get; }

    /// <summary>Vol scan range (absolute vol points as a decimal, or relative; see <see cref="VolKind"/>).</summary>
    public double VolScanRange { get; }

    /// <summary>How the vol scan range is applied.</summary>
    public VolMoveKind VolKind { get; }

    /// <summary>Extreme move as a multiple of the price scan range.</summary>
    public double ExtremeMultiple { get; }

    /// <summary>Weight of scenarios 15 and 16.</summary>
    public double ExtremeWeight { get; }

    /// <summary>Look-ahead of every scenario in days.</summary>
    public double TimeShiftDays { get; }

    /// <summary>Builds the 16 scenarios with a default shock, so each applies to every underlying.</summary>
    /// <param name="name">Set name; null gives <c>Classic 16 (±10%, vol ±14 pts)</c>-style text.</param>
    /// <returns>16 scenarios with ids <c>S01</c>…<c>S16</c> in the CME order.</returns>
    public ScenarioSet Build(string? name = null) => Create(name, null);

    /// <summary>Builds the 16 scenarios for one named underlying only (no default shock: other underlyings are an error).</summary>
    /// <param name="symbol">Underlying symbol, e.g. <c>BTC</c>; not blank.</param>
    /// <param name="name">Set name; null gives the default text followed by the symbol.</param>
    /// <returns>16 scenarios with ids <c>S01</c>…<c>S16</c> in the CME order.</returns>
    /// <exception cref="ArgumentException"><paramref name="symbol"/> is null or blank.</exception>
    public ScenarioSet BuildFor(string symbol, string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        return Create(name, symbol);
    }

    private ScenarioSet Create(string? name, string? symbol)
    {
        // (price fraction of the range, vol sign) in the CME risk array order; 2 marks the extreme moves.
        ReadOnlySpan<(double Fraction, int Vol)> layout =
        [
            (0, 1), (0, -1), (1.0 / 3, 1), (1.0 / 3, -1), (-1.0 / 3, 1), (-1.0 / 3, -1),
            (2.0 / 3, 1), (2.0 / 3, -1), (-2.0 / 3, 1), (-2.0 / 3, -1),
            (1, 1), (1, -1), (-1, 1), (-1, -1), (2, 0), (-2, 0),
        ];
        var scenarios = ImmutableArray.CreateBuilder<Scenario>(ScenarioCount);
        for (int i = 0; i < layout.Length; i++)
        {
            (double fraction, int vol) = layout[i];
            bool extreme = Math.Abs(fraction) == 2;
            double move = extreme ? Math.Sign(fraction) * ExtremeMultiple * PriceScanRange : fraction * PriceScanRange;
            var shock = new UnderlyingShock(move, vol * VolScanRange, VolKind);
            string id = string.Create(CultureInfo.InvariantCulture, $"S{i + 1:00}");
            string text = extreme
                ? string.Create(CultureInfo.InvariantCulture, $"extreme {(fraction > 0 ? "up" : "down")} {ExtremeMultiple:0.##} x range, vol unchanged")
                : $"price {PriceText(fraction)}, {ScenarioIds.LegName(vol > 0 ? ScenarioIds.VolUp : ScenarioIds.VolDown)}";
            scenarios.Add(symbol is null
                ? Scenario.Uniform(id, text, shock, extreme ? ExtremeWeight : 1.0, TimeShiftDays)
                : new Scenario(id, text, new Dictionary<string, UnderlyingShock>(StringComparer.Ordinal) { [symbol] = shock }, null, extreme ? ExtremeWeight : 1.0, TimeShiftDays));
        }

        string setName = name ?? string.Create(CultureInfo.InvariantCulture,
            $"Classic 16 (price {ScenarioIds.Move(PriceScanRange)}, vol {(VolKind == VolMoveKind.Absolute ? $"{VolScanRange * 100:0.##} pts" : $"{VolScanRange:0.##%}")}){(symbol is null ? "" : " " + symbol)}");
        return new ScenarioSet(setName, scenarios.MoveToImmutable());
    }

    private static string PriceText(double fraction) => fraction switch
    {
        0 => "unchanged",
        > 0 => $"up {Thirds(fraction)}",
        _ => $"down {Thirds(-fraction)}",
    };

    private static string Thirds(double fraction) => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(fraction * 3):0}/3 range");
}
