using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;

namespace PortfolioMargin.RealTime;

/// <summary>A collateral balance in one asset with its haircut. Immutable.</summary>
public sealed record CollateralBalance
{
    /// <summary>Creates a balance.</summary>
    /// <param name="asset">The asset (e.g. USD, USDC, BTC).</param>
    /// <param name="amount">Amount in units of the asset; finite; negative for a debt (a debt takes no haircut).</param>
    /// <param name="haircut">Fraction of a positive balance's value that does not count, in [0, 1); default 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is not finite, or the haircut is outside [0, 1) (names the asset).</exception>
    public CollateralBalance(Currency asset, double amount, double haircut = 0.0)
    {
        if (asset.Code is null)
        {
            Guard.ThrowArgument("Collateral asset must be initialised.", nameof(asset));
        }

        Guard.Finite(amount, $"Collateral balance in {asset}");
        if (!(haircut >= 0 && haircut < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(haircut), haircut,
                $"Collateral haircut for {asset} must be in [0, 1), got {Guard.Format(haircut)}.");
        }

        Asset = asset;
        Amount = amount;
        Haircut = haircut;
    }

    /// <summary>The asset.</summary>
    public Currency Asset { get; }

    /// <summary>Amount in units of the asset (negative = debt).</summary>
    public double Amount { get; }

    /// <summary>Haircut in [0, 1).</summary>
    public double Haircut { get; }

    /// <summary>Units that count as collateral: <c>Amount·(1 − Haircut)</c> for a balance, <c>Amount</c> for a debt.</summary>
    public double EffectiveAmount => Amount > 0 ? Amount * (1 - Haircut) : Amount;
}

/// <summary>
/// A margin account: positions plus collateral balances in several assets with haircuts. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Equity and margin are defined in <see cref="AccountCalculator"/> and docs/real-time.md: collateral counts at its
/// haircut value, options and spot holdings at their marked value, futures and perpetuals at 0 (their P&amp;L is
/// settled into the balances); coin collateral is revalued in every scenario of the margin model.
/// </remarks>
public sealed class Account
{
    /// <summary>Creates an account.</summary>
    /// <param name="id">Account id, used in messages.</param>
    /// <param name="positions">The positions.</param>
    /// <param name="collateral">Collateral balances; at most one per asset.</param>
    /// <exception cref="ArgumentException">Blank id, a null balance, or two balances in one asset.</exception>
    public Account(string id, Portfolio positions, IEnumerable<CollateralBalance> collateral)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(collateral);
        var list = collateral.ToImmutableArray();
        var seen = new HashSet<Currency>();
        foreach (CollateralBalance c in list)
        {
            if (c is null)
            {
                Guard.ThrowArgument($"Account '{id}': a collateral balance is null.", nameof(collateral));
            }

            if (!seen.Add(c.Asset))
            {
                Guard.ThrowArgument($"Account '{id}': two collateral balances in {c.Asset}; give one balance per asset.", nameof(collateral));
            }
        }

        Id = id;
        Positions = positions;
        Collateral = list;
    }

    /// <summary>Account id.</summary>
    public string Id { get; }

    /// <summary>The positions.</summary>
    public Portfolio Positions { get; }

    /// <summary>Collateral balances, one per asset.</summary>
    public ImmutableArray<CollateralBalance> Collateral { get; }

    /// <summary>The last risk portfolio built for this account (positions plus coin collateral rows) and the underlyings that revalued each balance.</summary>
    private sealed class RiskRows(Underlying?[] quoting, Portfolio positions)
    {
        public Underlying?[] Quoting { get; } = quoting;

        public Portfolio Positions { get; } = positions;
    }

    private RiskRows? _riskRows;

    /// <summary>
    /// The positions, then a spot row of <c>EffectiveAmount</c> units per revalued coin balance (instrument
    /// <c>COLLATERAL-{asset}</c>). Memoised per set of quoting underlyings, so margining the account again (a batch,
    /// a stress scenario) reuses the same rows; immutable, so a race at worst builds it twice.
    /// </summary>
    internal Portfolio RiskPositions(MarketSnapshot market, ImmutableArray<CollateralValuation> collateral)
    {
        RiskRows? cached = Volatile.Read(ref _riskRows);
        if (cached is not null && cached.Quoting.Length == collateral.Length)
        {
            bool same = true;
            for (int i = 0; i < collateral.Length && same; i++)
            {
                same = Equals(QuotingOf(market, collateral[i]), cached.Quoting[i]);
            }

            if (same)
            {
                return cached.Positions;
            }
        }

        var quoting = new Underlying?[collateral.Length];
        var rows = new List<Position>();
        for (int i = 0; i < collateral.Length; i++)
        {
            CollateralValuation c = collateral[i];
            Underlying? u = quoting[i] = QuotingOf(market, c);
            if (u is not null)
            {
                double multiplier = c.Balance.Amount > 0 ? 1 - c.Balance.Haircut : 1.0;
                rows.Add(new Position(new SpotInstrument(u, multiplier, $"COLLATERAL-{c.Balance.Asset}"), c.Balance.Amount));
            }
        }

        Portfolio positions = rows.Count == 0 ? Positions : Positions.Add([.. rows]);
        Volatile.Write(ref _riskRows, new RiskRows(quoting, positions));
        return positions;
    }

    private static Underlying? QuotingOf(MarketSnapshot market, CollateralValuation c) =>
        c.RiskGroup is not null && c.Balance.EffectiveAmount != 0 ? market.Underlyings[c.RiskGroup] : null;

    /// <summary>A copy with <paramref name="order"/> added to the positions.</summary>
    /// <param name="order">Positions to add.</param>
    /// <returns>The new account.</returns>
    public Account WithOrder(params Position[] order) => new(Id, Positions.Add(order), Collateral);

    /// <summary>Id, position and collateral counts.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Id} ({Positions.Count} positions, {Collateral.Length} balances)");
}

/// <summary>Health of an account.</summary>
public enum AccountStatus : byte
{
    /// <summary>Equity covers the initial margin (times its level).</summary>
    Healthy = 0,

    /// <summary>Equity is below the margin-call level of initial margin but covers maintenance: no new risk, top up.</summary>
    MarginCall = 1,

    /// <summary>Equity is below the liquidation level of maintenance margin.</summary>
    Liquidation = 2,
}

/// <summary>
/// Status thresholds: margin call when <c>equity &lt; MarginCallLevel · IM</c>, liquidation when
/// <c>equity &lt; LiquidationLevel · MM</c> (liquidation wins). Defaults 1 and 1. Immutable.
/// </summary>
public sealed record AccountThresholds
{
    /// <summary>Creates thresholds.</summary>
    /// <param name="marginCallLevel">Multiple of initial margin below which the account is in margin call; finite, &gt; 0.</param>
    /// <param name="liquidationLevel">Multiple of maintenance margin below which it is liquidated; finite, &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A level is not finite and &gt; 0.</exception>
    public AccountThresholds(double marginCallLevel = 1.0, double liquidationLevel = 1.0)
    {
        MarginCallLevel = Guard.Positive(marginCallLevel, "Margin call level");
        LiquidationLevel = Guard.Positive(liquidationLevel, "Liquidation level");
    }

    /// <summary>Multiple of IM for a margin call.</summary>
    public double MarginCallLevel { get; }

    /// <summary>Multiple of MM for liquidation.</summary>
    public double LiquidationLevel { get; }

    /// <summary>Equity below IM: margin call; below MM: liquidation.</summary>
    public static AccountThresholds Default { get; } = new();

    /// <summary>The status for the given numbers.</summary>
    /// <param name="equity">Equity.</param>
    /// <param name="initialMargin">Initial margin.</param>
    /// <param name="maintenanceMargin">Maintenance margin.</param>
    /// <returns>Liquidation, margin call or healthy.</returns>
    public AccountStatus StatusOf(double equity, double initialMargin, double maintenanceMargin) =>
        equity < LiquidationLevel * maintenanceMargin ? AccountStatus.Liquidation
        : equity < MarginCallLevel * initialMargin ? AccountStatus.MarginCall
        : AccountStatus.Healthy;
}

/// <summary>One collateral balance valued in the report currency.</summary>
/// <param name="Balance">The balance.</param>
/// <param name="Price">Report-currency value of one unit of the asset.</param>
/// <param name="Value">Counted value <c>EffectiveAmount · Price</c>.</param>
/// <param name="RiskGroup">Underlying whose scenarios revalue the balance (null for the report currency or an asset priced only by a fixed conversion rate).</param>
public sealed record CollateralValuation(CollateralBalance Balance, double Price, double Value, string? RiskGroup);

/// <summary>An account's numbers at one snapshot (report currency). Immutable.</summary>
/// <param name="Account">The account.</param>
/// <param name="Margin">The model's result for positions plus collateral rows (contributions: positions first, then one row per revalued coin balance).</param>
/// <param name="Collateral">Each balance valued.</param>
/// <param name="CollateralValue">Sum of collateral values.</param>
/// <param name="PositionsValue">Marked value of the positions (options, spot; futures 0), plus futures variation since <c>markedFrom</c> when given.</param>
/// <param name="Status">Healthy, margin call or liquidation.</param>
public sealed record AccountMargin(Account Account, MarginResult Margin, ImmutableArray<CollateralValuation> Collateral, double CollateralValue,
    double PositionsValue, AccountStatus Status)
{
    /// <summary>Equity: <c>CollateralValue + PositionsValue</c>.</summary>
    public double Equity => CollateralValue + PositionsValue;

    /// <summary>Initial margin.</summary>
    public double InitialMargin => Margin.InitialMargin;

    /// <summary>Maintenance margin.</summary>
    public double MaintenanceMargin => Margin.MaintenanceMargin;

    /// <summary>Margin ratio <c>MM / equity</c> (0 when MM is 0; +∞ when equity ≤ 0 and MM &gt; 0).</summary>
    public double MarginRatio => MaintenanceMargin == 0 ? 0 : Equity > 0 ? MaintenanceMargin / Equity : double.PositiveInfinity;

    /// <summary>Available balance <c>equity − IM</c> (negative when short of initial margin).</summary>
    public double AvailableBalance => Equity - InitialMargin;
}

/// <summary>
/// Margins accounts. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// <para><b>Equity</b> <c>= Σ_a EffectiveAmount_a · price_a + Σ_i V_i</c>: collateral at haircut value in the report
/// currency, plus the marked value of positions (options at premium value, long positive and short negative; spot
/// holdings at <c>q·m·S</c>), futures and perpetuals at 0 because their mark-to-market is settled into the balances.</para>
/// <para><b>Coin collateral in the scenarios</b>: a balance in a coin that an underlying of the snapshot quotes in the
/// report currency (BTC with a BTC/USD spot) enters the margin model as a spot row of <c>EffectiveAmount</c> units of
/// that underlying (instrument <c>COLLATERAL-{asset}</c>), so its scenario P&amp;L <c>balance·(1−h)·S·move</c> is part
/// of its group's loss and offsets or adds to the positions' risk (a BTC balance hedges a short BTC future and
/// doubles a long one). A coin priced only by a fixed conversion rate is not revalued. The report currency has price 1.</para>
/// </remarks>
public static class AccountCalculator
{
    /// <summary>Margins an account.</summary>
    /// <param name="account">The account.</param>
    /// <param name="model">Any margin model.</param>
    /// <param name="market">The snapshot.</param>
    /// <param name="thresholds">Status thresholds (default <see cref="AccountThresholds.Default"/>).</param>
    /// <param name="markedFrom">
    /// When given, futures and perpetuals were last settled at this snapshot: their variation from it to
    /// <paramref name="market"/> (full revaluation, at <paramref name="market"/>'s conversion rates) counts in equity.
    /// Used for shocked markets (liquidation search, stress).
    /// </param>
    /// <returns>Equity, margin and status.</returns>
    /// <exception cref="MissingMarketDataException">A collateral asset has no price, or a position's market data is missing (names it).</exception>
    public static AccountMargin Calculate(Account account, IMarginModel model, MarketSnapshot market, AccountThresholds? thresholds = null, MarketSnapshot? markedFrom = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(market);
        return CalculateWith(account, model.Calculate, market, thresholds, markedFrom);
    }

    /// <summary><see cref="Calculate"/> with the margin of the risk portfolio supplied by <paramref name="margin"/>.</summary>
    internal static AccountMargin CalculateWith(Account account, Func<ResolvedPortfolio, MarginResult> margin, MarketSnapshot market, AccountThresholds? thresholds,
        MarketSnapshot? markedFrom)
    {
        thresholds ??= AccountThresholds.Default;
        ImmutableArray<CollateralValuation> collateral = ValueCollateral(account, market);
        ResolvedPortfolio risk = RiskPortfolio(account, market, collateral);
        MarginResult result = margin(risk);
        // The risk portfolio's first rows are the positions (the collateral rows follow): value them from it.
        double positionsValue = 0;
        for (int i = 0; i < account.Positions.Count; i++)
        {
            positionsValue += PortfolioValuation.DeltaAndValue(risk, i).ValueInReport;
        }

        if (markedFrom is not null)
        {
            positionsValue += FuturesVariation(ResolvedPortfolio.Resolve(account.Positions, markedFrom), risk, account.Positions.Count);
        }

        double collateralValue = 0;
        foreach (CollateralValuation c in collateral)
        {
            collateralValue += c.Value;
        }

        AccountStatus status = thresholds.StatusOf(collateralValue + positionsValue, result.InitialMargin, result.MaintenanceMargin);
        return new AccountMargin(account, result, collateral, collateralValue, positionsValue, status);
    }

    /// <summary>The portfolio the margin model sees: the positions, then a spot row per revalued coin balance.</summary>
    /// <param name="account">The account.</param>
    /// <param name="market">The snapshot.</param>
    /// <returns>The resolved risk portfolio.</returns>
    /// <exception cref="MissingMarketDataException">A collateral asset has no price.</exception>
    public static ResolvedPortfolio RiskPortfolio(Account account, MarketSnapshot market)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(market);
        return RiskPortfolio(account, market, ValueCollateral(account, market));
    }

    private static ResolvedPortfolio RiskPortfolio(Account account, MarketSnapshot market, ImmutableArray<CollateralValuation> collateral) =>
        ResolvedPortfolio.Resolve(account.RiskPositions(market, collateral), market);

    /// <summary>Values each balance: report currency at 1, a coin at the spot of the underlying quoting it in the report currency, else at the snapshot's conversion rate.</summary>
    /// <exception cref="MissingMarketDataException">No price for an asset (names the asset and the account).</exception>
    public static ImmutableArray<CollateralValuation> ValueCollateral(Account account, MarketSnapshot market)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(market);
        var result = ImmutableArray.CreateBuilder<CollateralValuation>(account.Collateral.Length);
        foreach (CollateralBalance b in account.Collateral)
        {
            Underlying? quoting = null;
            if (b.Asset != market.ReportCurrency)
            {
                foreach (Underlying u in market.Underlyings.Values)
                {
                    if (u.BaseCurrency == b.Asset && u.QuoteCurrency == market.ReportCurrency)
                    {
                        quoting = u;
                        break;
                    }
                }
            }

            double price;
            if (quoting is not null)
            {
                price = market.Spot(quoting);
            }
            else
            {
                try
                {
                    price = market.FxToReport(b.Asset);
                }
                catch (MissingMarketDataException)
                {
                    throw new MissingMarketDataException($"collateral {b.Asset} of account {account.Id}",
                        $"price of {b.Asset} in {market.ReportCurrency} (no spot of an underlying {b.Asset}/{market.ReportCurrency} and no conversion rate)");
                }
            }

            result.Add(new CollateralValuation(b, price, b.EffectiveAmount * price, quoting?.Symbol));
        }

        return result.MoveToImmutable();
    }

    /// <summary>Futures and perpetuals variation of the first <paramref name="count"/> rows from <paramref name="from"/> to <paramref name="to"/> (same positions), in the report currency at <paramref name="to"/>'s rates.</summary>
    private static double FuturesVariation(ResolvedPortfolio from, ResolvedPortfolio to, int count)
    {
        double sum = 0;
        for (int i = 0; i < count; i++)
        {
            switch (to.Kind[i])
            {
                case InstrumentKind.LinearFuture or InstrumentKind.LinearPerpetual:
                    sum += FuturePnl.Linear(to.Quantity[i], to.Multiplier[i], from.Price[i], to.Price[i]) * to.SettlementToReport[i];
                    break;
                case InstrumentKind.InverseFuture or InstrumentKind.InversePerpetual:
                    sum += FuturePnl.Inverse(to.Quantity[i], to.Multiplier[i], from.Price[i], to.Price[i]) * to.SettlementToReport[i];
                    break;
            }
        }

        return sum;
    }
}
