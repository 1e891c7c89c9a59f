using System.Collections.Immutable;
using PortfolioMargin.Correlation;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;
using PortfolioMargin.Revaluation;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.RealTime;

/// <summary>P&amp;L of one item (a risk group or a position) in one scenario.</summary>
/// <param name="Item">Group symbol or position label.</param>
/// <param name="ScenarioId">Scenario id.</param>
/// <param name="Pnl">P&amp;L in the report currency (profit positive).</param>
public sealed record StressPnl(string Item, string ScenarioId, double Pnl);

/// <summary>One stress scenario's outcome (report currency).</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Pnl">Total weighted P&amp;L by full revaluation.</param>
/// <param name="Groups">P&amp;L per risk group, in order of first appearance.</param>
/// <param name="PositionPnl">P&amp;L per position (for an account: positions, then coin collateral rows).</param>
/// <param name="MarginUnderStress">
/// The model's margin of the book on the scenario's market: prices and vols shocked and the valuation time moved by
/// the scenario's time shift (see <see cref="StressTest"/>). Positions that expire inside the shift contribute 0 and
/// are named in <c>EXPIRED_UNDER_STRESS</c> diagnostics; contributions are in
/// the original position order (for an account, then the collateral rows) and sum to the totals.
/// </param>
/// <param name="AccountUnderStress">For an account: equity (with futures variation, and expired positions at their settlement value), margin and status on the scenario's market; null for a book.</param>
/// <param name="CorrelationOverrideApplied">True when the scenario carried a correlation override and the model took it (<see cref="IStressMarginModel"/>).</param>
public sealed record StressScenarioResult(Scenario Scenario, double Pnl, ImmutableArray<StressPnl> Groups, ImmutableArray<double> PositionPnl,
    MarginResult MarginUnderStress, AccountMargin? AccountUnderStress, bool CorrelationOverrideApplied)
{
    /// <summary>Indices (into the book's or account's positions, ascending) of the positions that expire inside the scenario's time shift; empty when none.</summary>
    public ImmutableArray<int> ExpiredPositions { get; init; } = [];

    /// <summary>
    /// Total weighted P&amp;L with each position's P&amp;L in its settlement currency converted at the scenario's
    /// conversion rates (a coin-settled P&amp;L at the shocked coin price), where <see cref="Pnl"/> converts at today's;
    /// the two agree for positions settled in the report currency. Null on a result built without it.
    /// </summary>
    public double? PnlAtScenarioPrices { get; init; }

    /// <summary>Per position (same order as <see cref="PositionPnl"/>), the weighted P&amp;L at the scenario's conversion rates; default (not set) on a result built without it.</summary>
    public ImmutableArray<double> PositionPnlAtScenarioPrices { get; init; }

    /// <summary>
    /// For an account: equity under stress (<see cref="AccountUnderStress"/>) minus equity today, both in the report
    /// currency at their own prices (coin collateral, coin-settled premiums and futures variation at the shocked coin
    /// price); null for a book.
    /// </summary>
    public double? EquityChange { get; init; }

    /// <summary>
    /// The figure <see cref="StressReport.Worst"/> ranks by, in the report currency at the scenario's prices: for an
    /// account <see cref="EquityChange"/>, for a book <see cref="PnlAtScenarioPrices"/> (falling back to
    /// <see cref="Pnl"/> on a result built without them).
    /// </summary>
    public double ValueChange => EquityChange ?? PnlAtScenarioPrices ?? Pnl;
}

/// <summary>The outcome of a stress test. Immutable.</summary>
/// <param name="PositionLabels">Label per position (for an account: positions, then <c>COLLATERAL-{asset}</c> rows).</param>
/// <param name="Scenarios">Per scenario, in set order.</param>
public sealed record StressReport(ImmutableArray<string> PositionLabels, ImmutableArray<StressScenarioResult> Scenarios)
{
    /// <summary>For an account: equity today (the base of <see cref="StressScenarioResult.EquityChange"/>); null for a book.</summary>
    public double? BaseEquity { get; init; }

    /// <summary>
    /// The scenario with the lowest <see cref="StressScenarioResult.ValueChange"/> (first in set order among ties): for
    /// an account the largest fall of equity, for a book the largest loss, both in the report currency at the
    /// scenario's prices. (Earlier versions ranked by <see cref="StressScenarioResult.Pnl"/>, which converts coin-settled
    /// P&amp;L at today's coin price; <see cref="WorstByPnl"/> keeps that ranking.)
    /// </summary>
    public StressScenarioResult Worst => Enumerable.Aggregate(Scenarios, (a, b) => b.ValueChange < a.ValueChange ? b : a);

    /// <summary>The scenario with the lowest <see cref="StressScenarioResult.Pnl"/> (P&amp;L at today's conversion rates; first in set order among ties).</summary>
    public StressScenarioResult WorstByPnl => Enumerable.Aggregate(Scenarios, (a, b) => b.Pnl < a.Pnl ? b : a);

    /// <summary>Per risk group, its worst scenario and P&amp;L.</summary>
    public ImmutableArray<StressPnl> WorstByGroup =>
        [.. Scenarios.SelectMany(s => s.Groups).GroupBy(g => g.Item, StringComparer.Ordinal).Select(g => g.Aggregate((a, b) => b.Pnl < a.Pnl ? b : a))];

    /// <summary>Per position, its worst scenario and P&amp;L.</summary>
    public ImmutableArray<StressPnl> WorstByPosition =>
        [.. PositionLabels.Select((label, i) => Scenarios.Select(s => new StressPnl(label, s.Scenario.Id, s.PositionPnl[i])).Aggregate((a, b) => b.Pnl < a.Pnl ? b : a))];
}

/// <summary>
/// Runs named stress scenarios (historical or hypothetical, multi-underlying, with vol shocks and a time shift) against
/// a book or an account: P&amp;L per position and group by full revaluation (the risk-array engine), and the margin
/// under stress — the model on the scenario's market, so that P&amp;L and margin describe the same shocked market.
/// Stateless and thread-safe.
/// </summary>
/// <remarks>
/// <para><b>The scenario's market</b> follows the engine's conventions: spot and the forward of every expiry used ×
/// (1 + move); each option keeps the vol the base snapshot gives it (read at the base valuation time), shocked like
/// the engine (term scaling with the base days to expiry, floor 0.01 vol point); the valuation time moves forward by
/// <see cref="Scenario.TimeShiftDays"/> (rounded to the tick), so every time to expiry shrinks by the shift while
/// forwards per expiry, strikes and rates stay — exactly the engine's <c>T − shift/daysPerYear</c> with the base vol.
/// With a zero shift the market is the base snapshot shocked in price and vol, valuation time unchanged.</para>
/// <para><b>Positions expiring inside the shift</b> (expiry before the moved valuation time) settle: an option at its
/// intrinsic value at the shocked forward (the engine's value at a remaining time ≤ 0), a future at the shocked forward.
/// That settlement is in the stress P&amp;L; the margin under stress is the model's margin of the other positions,
/// restated with a zero contribution per expired position (original order kept) and an
/// <c>EXPIRED_UNDER_STRESS</c> diagnostic naming it and its settlement value; <see cref="StressScenarioResult.ExpiredPositions"/>
/// lists them. For an account the settlement value counts once in equity (options at their settled value, futures by
/// their variation), the expired positions carry no margin, and the collateral is unchanged.</para>
/// <para>Correlation stress: a scenario may carry a correlation override (by scenario id); it reaches models implementing
/// <see cref="IStressMarginModel"/> (the covariance VaR hook) and is ignored by others, which is reported per scenario.</para>
/// </remarks>
public static class StressTest
{
    /// <summary>Stresses a book.</summary>
    /// <param name="book">The book, resolved on the base snapshot.</param>
    /// <param name="stress">The scenarios.</param>
    /// <param name="model">The margin model for margin under stress.</param>
    /// <param name="correlationOverrides">Optional correlation override per scenario id.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">A scenario lacks a shock for an underlying of the book, or shocks an unknown one.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A scenario's time shift moves the valuation time beyond the last representable date.</exception>
    public static StressReport Run(ResolvedPortfolio book, ScenarioSet stress, IMarginModel model, IReadOnlyDictionary<string, CorrelationMatrix>? correlationOverrides = null)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(stress);
        ArgumentNullException.ThrowIfNull(model);
        return RunCore(book, stress, model, correlationOverrides, (scenario, shocked, margin) =>
        {
            var split = ExpiredUnderStress.Split(book.Portfolio, shocked.ValuationTime);
            MarginResult live = margin(ResolvedPortfolio.Resolve(split.Live, shocked));
            return (split.Restate(live, scenario, shocked.ValuationTime, book.Market, shocked), null, split.Expired);
        });
    }

    /// <summary>Stresses an account (positions and coin collateral).</summary>
    /// <param name="account">The account.</param>
    /// <param name="market">The base snapshot.</param>
    /// <param name="stress">The scenarios.</param>
    /// <param name="model">The margin model.</param>
    /// <param name="thresholds">Status thresholds for the account under stress.</param>
    /// <param name="correlationOverrides">Optional correlation override per scenario id.</param>
    /// <returns>The report, with <see cref="StressScenarioResult.AccountUnderStress"/> set.</returns>
    /// <exception cref="MissingMarketDataException">A collateral asset has no price.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A scenario's time shift moves the valuation time beyond the last representable date.</exception>
    public static StressReport Run(Account account, MarketSnapshot market, ScenarioSet stress, IMarginModel model, AccountThresholds? thresholds = null,
        IReadOnlyDictionary<string, CorrelationMatrix>? correlationOverrides = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(stress);
        ArgumentNullException.ThrowIfNull(model);
        ResolvedPortfolio risk = AccountCalculator.RiskPortfolio(account, market);
        AccountThresholds levels = thresholds ?? AccountThresholds.Default;
        double equity = AccountCalculator.ValueCollateral(account, market).Sum(c => c.Value);
        for (int i = 0; i < account.Positions.Count; i++)
        {
            equity += PortfolioValuation.DeltaAndValue(risk, i).ValueInReport;
        }

        StressReport report = RunCore(risk, stress, model, correlationOverrides, (scenario, shocked, margin) =>
        {
            var split = ExpiredUnderStress.Split(account.Positions, shocked.ValuationTime);
            if (split.Expired.IsEmpty)
            {
                AccountMargin a = AccountCalculator.CalculateWith(account, margin, shocked, levels, markedFrom: market);
                return (a.Margin, a, split.Expired);
            }

            // Margin the live positions and the collateral; the expired ones add their settlement value to equity once.
            AccountMargin live = AccountCalculator.CalculateWith(new Account(account.Id, split.Live, account.Collateral), margin, shocked, levels, markedFrom: market);
            double settled = 0;
            foreach (int i in split.Expired)
            {
                settled += split.SettlementValue(i, market, shocked);
            }

            MarginResult m = split.Restate(live.Margin, scenario, shocked.ValuationTime, market, shocked);
            double positionsValue = live.PositionsValue + settled;
            AccountStatus status = levels.StatusOf(live.CollateralValue + positionsValue, m.InitialMargin, m.MaintenanceMargin);
            return (m, new AccountMargin(account, m, live.Collateral, live.CollateralValue, positionsValue, status), split.Expired);
        });
        return report with
        {
            BaseEquity = equity,
            Scenarios = [.. report.Scenarios.Select(s => s with { EquityChange = s.AccountUnderStress!.Equity - equity })],
        };
    }

    private static StressReport RunCore(ResolvedPortfolio risk, ScenarioSet stress, IMarginModel model, IReadOnlyDictionary<string, CorrelationMatrix>? overrides,
        Func<Scenario, MarketSnapshot, Func<ResolvedPortfolio, MarginResult>, (MarginResult Margin, AccountMargin? Account, ImmutableArray<int> Expired)> underStress)
    {
        RiskArrays arrays = RiskArrays.Compute(risk, stress);
        ImmutableArray<string> labels = [.. risk.Portfolio.Select(p => p.ToString())];
        var results = ImmutableArray.CreateBuilder<StressScenarioResult>(stress.Count);
        for (int s = 0; s < stress.Count; s++)
        {
            Scenario scenario = stress.Scenarios[s];
            MarketSnapshot shocked = MarketShock.Scenario(risk.Market, risk.Portfolio, scenario);
            var positionPnl = new double[risk.Count];
            var atScenarioPrices = new double[risk.Count];
            var byGroup = new double[risk.Underlyings.Length];
            double total = 0, totalAtScenario = 0;
            for (int i = 0; i < risk.Count; i++)
            {
                positionPnl[i] = arrays[i, s];
                byGroup[risk.UnderlyingIndex[i]] += positionPnl[i];
                total += positionPnl[i];
                // The engine's P&L is in the settlement currency times today's rate: restate it at the scenario's rate.
                Instruments.Instrument instrument = risk.Portfolio[i].Instrument;
                atScenarioPrices[i] = positionPnl[i] * (MarketLookup.Fx(shocked, instrument.SettlementCurrency, instrument) / risk.SettlementToReport[i]);
                totalAtScenario += atScenarioPrices[i];
            }

            CorrelationMatrix? correlation = overrides is not null && overrides.TryGetValue(scenario.Id, out CorrelationMatrix? c) ? c : null;
            bool applied = correlation is not null && model is IStressMarginModel;
            Func<ResolvedPortfolio, MarginResult> margin = model is IStressMarginModel stressed
                ? resolved => stressed.CalculateUnderStress(resolved, scenario, correlation)
                : model.Calculate;
            (MarginResult m, AccountMargin? account, ImmutableArray<int> expired) = underStress(scenario, shocked, margin);
            results.Add(new StressScenarioResult(scenario, total,
                [.. risk.Underlyings.Select((u, g) => new StressPnl(u.Symbol, scenario.Id, byGroup[g]))], [.. positionPnl], m, account, applied)
            {
                ExpiredPositions = expired,
                PnlAtScenarioPrices = totalAtScenario,
                PositionPnlAtScenarioPrices = [.. atScenarioPrices],
            });
        }

        return new StressReport(labels, results.MoveToImmutable());
    }
}
