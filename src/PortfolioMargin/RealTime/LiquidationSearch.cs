using System.Globalization;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;

namespace PortfolioMargin.RealTime;

/// <summary>Which way prices move in a liquidation search.</summary>
public enum MoveDirection : byte
{
    /// <summary>Prices fall: moves in <c>[MaxDownMove, 0]</c>.</summary>
    Down = 0,

    /// <summary>Prices rise: moves in <c>[0, MaxUpMove]</c>.</summary>
    Up = 1,
}

/// <summary>Search settings. Immutable.</summary>
public sealed record LiquidationSearchOptions
{
    /// <summary>Creates settings.</summary>
    /// <param name="maxDownMove">Largest fall searched, in (−1, 0); default −0.99.</param>
    /// <param name="maxUpMove">Largest rise searched, &gt; 0; default 10 (+1,000 %).</param>
    /// <param name="gridPoints">Points of the bracketing scan (finer near 0: <c>m_k = bound·(k/N)²</c>); 4–10,000, default 64.</param>
    /// <param name="tolerance">Width of the final bracket on the move; default 1e-9.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range.</exception>
    public LiquidationSearchOptions(double maxDownMove = -0.99, double maxUpMove = 10, int gridPoints = 64, double tolerance = 1e-9)
    {
        if (!(maxDownMove > -1 && maxDownMove < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxDownMove), maxDownMove, $"Largest fall must be in (-1, 0), got {Guard.Format(maxDownMove)}.");
        }

        Guard.Positive(maxUpMove, "Largest rise");
        if (gridPoints is < 4 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(gridPoints), gridPoints, "Grid points must be in [4, 10000].");
        }

        MaxDownMove = maxDownMove;
        MaxUpMove = maxUpMove;
        GridPoints = gridPoints;
        Tolerance = Guard.Positive(tolerance, "Tolerance");
    }

    /// <summary>Largest fall searched.</summary>
    public double MaxDownMove { get; }

    /// <summary>Largest rise searched.</summary>
    public double MaxUpMove { get; }

    /// <summary>Points of the bracketing scan.</summary>
    public int GridPoints { get; }

    /// <summary>Final bracket width on the move.</summary>
    public double Tolerance { get; }

    /// <summary>The defaults.</summary>
    public static LiquidationSearchOptions Default { get; } = new();
}

/// <summary>The result of a liquidation-distance search.</summary>
/// <param name="Scope">The underlying moved, or <c>ALL</c> when every underlying moved together.</param>
/// <param name="Direction">Down or up.</param>
/// <param name="Found">True when equity falls below the liquidation level of maintenance margin within the bracket.</param>
/// <param name="Move">The smallest such move (relative, e.g. −0.23), on the liquidating side of the final bracket; when not found, the bracket end.</param>
/// <param name="AtMove">The account's numbers re-run at <see cref="Move"/>.</param>
/// <param name="Evaluations">Full revaluations performed.</param>
public sealed record LiquidationDistance(string Scope, MoveDirection Direction, bool Found, double Move, AccountMargin AtMove, int Evaluations)
{
    /// <summary>A sentence for reports, e.g. <c>BTC down: liquidation at -23.41 %</c> or <c>no liquidation within [-99 %, 0]</c>.</summary>
    public override string ToString() => Found
        ? string.Create(CultureInfo.InvariantCulture, $"{Scope} {Direction}: liquidation at {Move:+0.00%;-0.00%;0%} (equity {AtMove.Equity:N2}, MM {AtMove.MaintenanceMargin:N2})")
        : string.Create(CultureInfo.InvariantCulture, $"{Scope} {Direction}: no liquidation within [{(Direction == MoveDirection.Down ? Move : 0):0.##%}, {(Direction == MoveDirection.Up ? Move : 0):0.##%}]");
}

/// <summary>
/// Distance to liquidation: the smallest adverse uniform move of one underlying (or of all together) at which equity
/// falls below <c>LiquidationLevel · MM</c>, by full revaluation on shocked snapshots (spot and forwards × (1+m), see
/// <see cref="AccountCalculator"/> with futures variation from the base snapshot). Stateless and thread-safe.
/// </summary>
/// <remarks>
/// Robust bracketing: <c>f(m) = equity(m) − level·MM(m)</c> is scanned on <c>m_k = bound·(k/N)²</c> from 0 outwards;
/// the first sign change is refined by bisection to <see cref="LiquidationSearchOptions.Tolerance"/>. If
/// <c>f(0) &lt; 0</c> the distance is 0. A dip below and back above within one scan step can be missed (use more grid
/// points); no assumption of monotonicity is made otherwise.
/// </remarks>
public static class LiquidationSearch
{
    /// <summary>Scope name for a move of every underlying together.</summary>
    public const string AllUnderlyings = "ALL";

    /// <summary>Finds the liquidation distance.</summary>
    /// <param name="account">The account.</param>
    /// <param name="model">The margin model.</param>
    /// <param name="market">The current snapshot.</param>
    /// <param name="underlying">Symbol to move, or null for all underlyings of the account and of the snapshot together.</param>
    /// <param name="direction">Down (default) or up.</param>
    /// <param name="thresholds">Status thresholds (liquidation level).</param>
    /// <param name="options">Bracket and tolerance.</param>
    /// <returns>The move and the numbers there, or "not found" with the numbers at the bracket end.</returns>
    /// <exception cref="ArgumentException">The symbol is neither in the account nor in the snapshot.</exception>
    public static LiquidationDistance Find(Account account, IMarginModel model, MarketSnapshot market, string? underlying = null,
        MoveDirection direction = MoveDirection.Down, AccountThresholds? thresholds = null, LiquidationSearchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(market);
        thresholds ??= AccountThresholds.Default;
        options ??= LiquidationSearchOptions.Default;
        string[] symbols = Symbols(account, market, underlying);
        double bound = direction == MoveDirection.Down ? options.MaxDownMove : options.MaxUpMove;
        int evaluations = 0;
        AccountMargin Eval(double m)
        {
            evaluations++;
            return AtMoveCore(account, model, market, symbols, m, thresholds);
        }

        double F(AccountMargin a) => a.Equity - (thresholds.LiquidationLevel * a.MaintenanceMargin);
        string scope = underlying ?? AllUnderlyings;
        AccountMargin start = Eval(0);
        if (F(start) < 0)
        {
            return new LiquidationDistance(scope, direction, true, 0, start, evaluations);
        }

        double inside = 0;
        AccountMargin last = start;
        for (int k = 1; k <= options.GridPoints; k++)
        {
            double x = (double)k / options.GridPoints;
            double m = bound * x * x;
            last = Eval(m);
            if (F(last) < 0)
            {
                double lo = inside, hi = m; // f(lo) >= 0 > f(hi); `last` is the account at hi
                while (Math.Abs(hi - lo) > options.Tolerance)
                {
                    double mid = 0.5 * (lo + hi);
                    AccountMargin a = Eval(mid);
                    if (F(a) < 0)
                    {
                        hi = mid;
                        last = a;
                    }
                    else
                    {
                        lo = mid;
                    }
                }

                return new LiquidationDistance(scope, direction, true, hi, last, evaluations);
            }

            inside = m;
        }

        return new LiquidationDistance(scope, direction, false, bound, last, evaluations);
    }

    /// <summary>The account re-margined with <paramref name="underlying"/> (or all underlyings) moved by <paramref name="move"/>.</summary>
    /// <param name="account">The account.</param>
    /// <param name="model">The margin model.</param>
    /// <param name="market">The current snapshot.</param>
    /// <param name="underlying">Symbol to move, or null for all.</param>
    /// <param name="move">Relative move, &gt; −1.</param>
    /// <param name="thresholds">Status thresholds.</param>
    /// <returns>Equity (with futures variation since <paramref name="market"/>), margin and status at the move.</returns>
    public static AccountMargin AtMove(Account account, IMarginModel model, MarketSnapshot market, string? underlying, double move, AccountThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(market);
        Guard.Finite(move, "Move");
        if (!(move > -1))
        {
            throw new ArgumentOutOfRangeException(nameof(move), move, $"Move must be > -1, got {Guard.Format(move)}.");
        }

        return AtMoveCore(account, model, market, Symbols(account, market, underlying), move, thresholds ?? AccountThresholds.Default);
    }

    private static AccountMargin AtMoveCore(Account account, IMarginModel model, MarketSnapshot market, string[] symbols, double move, AccountThresholds thresholds) =>
        AccountCalculator.Calculate(account, model, MarketShock.Uniform(market, account.Positions, symbols, move), thresholds, markedFrom: market);

    private static string[] Symbols(Account account, MarketSnapshot market, string? underlying)
    {
        string[] all = [.. MarketShock.UnderlyingsOf(market, account.Positions).Select(u => u.Symbol)];
        if (underlying is null)
        {
            return all;
        }

        return all.Contains(underlying, StringComparer.Ordinal)
            ? [underlying]
            : throw new ArgumentException($"Account '{account.Id}': underlying '{underlying}' is neither in its positions nor in the snapshot.", nameof(underlying));
    }
}
