using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.RealTime;

/// <summary>
/// The positions of a book that expire inside a stress scenario's time shift (expiry before the shifted valuation
/// time; an expiry exactly at it is still live, valued at intrinsic like <see cref="ResolvedPortfolio"/> does at
/// time 0). They settle at their shocked value — an option at its intrinsic value at the shocked forward (what the
/// engine's Black-76 gives at a remaining time ≤ 0), a future at the shocked forward (its variation from the base
/// forward) — which is in the stress P&amp;L, and carry no margin. Immutable.
/// </summary>
internal sealed class ExpiredUnderStress
{
    /// <summary>Diagnostic code of a position that expired inside the scenario's time shift.</summary>
    public const string Code = "EXPIRED_UNDER_STRESS";

    private readonly Portfolio _all;
    private readonly int[] _liveToOriginal;

    private ExpiredUnderStress(Portfolio all, Portfolio live, int[] liveToOriginal, ImmutableArray<int> expired)
    {
        _all = all;
        Live = live;
        _liveToOriginal = liveToOriginal;
        Expired = expired;
    }

    /// <summary>The positions still live at the shifted time, in their original order.</summary>
    public Portfolio Live { get; }

    /// <summary>Original indices of the expired positions, ascending.</summary>
    public ImmutableArray<int> Expired { get; }

    /// <summary>Splits <paramref name="positions"/> at <paramref name="time"/> (the shocked snapshot's valuation time).</summary>
    public static ExpiredUnderStress Split(Portfolio positions, DateTimeOffset time)
    {
        var live = new List<Position>(positions.Count);
        var liveToOriginal = new List<int>(positions.Count);
        var expired = ImmutableArray.CreateBuilder<int>();
        for (int i = 0; i < positions.Count; i++)
        {
            if (positions[i].Instrument.Expiry is { } e && e < time)
            {
                expired.Add(i);
            }
            else
            {
                live.Add(positions[i]);
                liveToOriginal.Add(i);
            }
        }

        return expired.Count == 0
            ? new ExpiredUnderStress(positions, positions, [.. liveToOriginal], [])
            : new ExpiredUnderStress(positions, new Portfolio(live), [.. liveToOriginal], expired.ToImmutable());
    }

    /// <summary>
    /// Settlement value of expired position <paramref name="index"/> in the report currency of <paramref name="shocked"/>:
    /// <c>q·m·fx'·max(ω(F' − K), 0)</c> for a linear option (divided by <c>F'</c> for an inverse one),
    /// <c>q·m·fx'·(F' − F)</c> for a linear future, <c>q·m·fx'·(1/F − 1/F')</c> for an inverse one; <c>F'</c> the shocked
    /// forward, <c>F</c> the base forward, <c>fx'</c> the shocked conversion rate of the settlement currency.
    /// </summary>
    public double SettlementValue(int index, MarketSnapshot market, MarketSnapshot shocked)
    {
        Position p = _all[index];
        ResolvedLeg settled = ResolvedLeg.Resolve(p, shocked, settleExpired: true); // the shocked forward for the expiry, time 0
        double qm = p.Quantity * p.Instrument.Multiplier;
        double value = p.Instrument.Kind switch
        {
            InstrumentKind.LinearOption or InstrumentKind.InverseOption => qm * settled.UnitGreeks.Price,
            InstrumentKind.InverseFuture => FuturePnl.Inverse(p.Quantity, p.Instrument.Multiplier, ResolvedLeg.Resolve(p, market).Price, settled.Price),
            _ => FuturePnl.Linear(p.Quantity, p.Instrument.Multiplier, ResolvedLeg.Resolve(p, market).Price, settled.Price),
        };
        return (value * settled.SettlementToReport) + 0.0;
    }

    /// <summary>
    /// The margin of the live positions (plus <c>result.Contributions</c> rows after them, e.g. an account's collateral
    /// rows) restated on the original positions: contributions re-indexed to the original order with a zero row per
    /// expired position, and an <see cref="Code"/> diagnostic per expired position naming it and its settlement value.
    /// Totals unchanged. Returns <paramref name="result"/> itself when nothing expired.
    /// </summary>
    public MarginResult Restate(MarginResult result, Scenario scenario, DateTimeOffset time, MarketSnapshot market, MarketSnapshot shocked)
    {
        if (Expired.IsEmpty)
        {
            return result;
        }

        int liveCount = Live.Count, allCount = _all.Count;
        var rows = new List<PositionContribution>(result.Contributions.Length + Expired.Length);
        foreach (PositionContribution c in result.Contributions)
        {
            int original = c.PositionIndex < liveCount ? _liveToOriginal[c.PositionIndex] : allCount + (c.PositionIndex - liveCount);
            rows.Add(c with { PositionIndex = original });
        }

        var diagnostics = result.Diagnostics.ToBuilder();
        foreach (int i in Expired)
        {
            Position p = _all[i];
            rows.Add(new PositionContribution(i, p.ToString(), p.Instrument.Underlying.Symbol, 0, 0));
            double value = SettlementValue(i, market, shocked);
            diagnostics.Add(new MarginDiagnostic(Code, string.Create(CultureInfo.InvariantCulture,
                $"Scenario '{scenario.Id}' moves the valuation time {scenario.TimeShiftDays:G} days to {time:yyyy-MM-dd HH:mm}: position #{i} '{p}' expired at {p.Instrument.Expiry!.Value:yyyy-MM-dd HH:mm} and settles at {value:N2} {shocked.ReportCurrency} ({(p.Instrument is EuropeanOption ? "intrinsic value at the shocked forward" : "variation to the shocked forward")}, in the stress P&L); it carries no margin.")));
        }

        // Stable sort by original index: the live rows keep the model's order among themselves.
        PositionContribution[] ordered = [.. rows.OrderBy(c => c.PositionIndex)];
        return new MarginResult(result.Model, result.Currency, result.InitialMargin, result.MaintenanceMargin, result.Breakdown,
            [.. ordered], result.BindingScenarios, diagnostics.ToImmutable());
    }
}
