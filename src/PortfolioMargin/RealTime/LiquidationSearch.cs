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
    /// <param name="gridPoints">Points of the bracketing scan (finer near 0: <c>m_k = bound·(k/N)²</c>); 4–10,000, default 64. Every excursion of <c>f</c> below 0 wider than a scan step is sampled; more points shrink what can be missed (see <see cref="LiquidationSearch"/>).</param>
    /// <param name="tolerance">Width of the final bracket on the move, and the resolution of the local minimisations; default 1e-9.</param>
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

    /// <summary>Points of the bracketing scan (scan step at move <c>m</c> ≈ <c>2·√(|m|·|bound|)/GridPoints</c>).</summary>
    public int GridPoints { get; }

    /// <summary>Final bracket width on the move and resolution of the local minimisations.</summary>
    public double Tolerance { get; }

    /// <summary>The defaults.</summary>
    public static LiquidationSearchOptions Default { get; } = new();
}

/// <summary>The result of a liquidation-distance search.</summary>
/// <param name="Scope">The underlying moved, or <c>ALL</c> when every underlying moved together.</param>
/// <param name="Direction">Down or up.</param>
/// <param name="Found">True when equity falls below the liquidation level of maintenance margin within the bracket.</param>
/// <param name="Move">The smallest such move found (relative, e.g. −0.23), on the liquidating side of the final bracket; when not found, the bracket end.</param>
/// <param name="AtMove">The account's numbers re-run at <see cref="Move"/>.</param>
/// <param name="Evaluations">Full revaluations performed: the scan, every local minimisation and the bisection.</param>
public sealed record LiquidationDistance(string Scope, MoveDirection Direction, bool Found, double Move, AccountMargin AtMove, int Evaluations)
{
    /// <summary>
    /// Local minimisations run around sampled minima of <c>f</c> before the first negative sample (each costs up to
    /// ≈ 40 of the <see cref="Evaluations"/>, see <see cref="LiquidationSearch"/>); 0 when <c>f</c> is monotone over
    /// the scan.
    /// </summary>
    public int LocalMinimisations { get; init; }

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
/// <para><c>f(m) = equity(m) − level·MM(m)</c>; if <c>f(0) &lt; 0</c> the distance is 0. Otherwise:</para>
/// <para><b>1. Scan.</b> <c>f</c> is sampled at <c>m_k = bound·(k/N)²</c>, <c>k = 1…N</c>
/// (<see cref="LiquidationSearchOptions.GridPoints"/>), up to the first sample with <c>f &lt; 0</c> (index <c>K</c>;
/// <c>K = N</c> when there is none).</para>
/// <para><b>2. Dips between samples.</b> Every sample <c>k &lt; K</c> (and <c>k = N</c> when nothing was found) that is a
/// sampled local minimum — <c>f_k</c> not above either neighbour and strictly below one, a scan end counting its one
/// neighbour — gets, nearest to 0 first, a bounded Brent minimisation (parabolic steps on smooth stretches, golden
/// section where the max over the model's scenarios puts a kink) of <c>f</c> over <c>[m_{k−1}, m_{k+1}]</c> to
/// <see cref="LiquidationSearchOptions.Tolerance"/>, stopping at the first evaluation with <c>f &lt; 0</c>. If it
/// finds one at <c>x</c>, the bracket is <c>[the sample nearest x on the side of 0, x]</c>; no later candidate runs.</para>
/// <para><b>3. Bisection</b> of the bracket (from step 2, else <c>[m_{K−1}, m_K]</c>) to the tolerance; the reported
/// move is the liquidating end.</para>
/// <para><b>Guarantee.</b> Every negative excursion of <c>f</c> at least one scan step wide is sampled, so it is found:
/// the step at <c>m</c> is about <c>2·√(|m|·|bound|)/N</c> (0.017 at −30 % with the defaults, at most
/// <c>2|bound|/N</c>). A narrower excursion is found when the samples around it show a local minimum (its flanks lower
/// the neighbouring samples) and the minimiser converges into it. Still possible to miss: an excursion that is
/// invisible at every sample and has no sampled local minimum within one step (e.g. a narrow dip on a stretch where
/// <c>f</c> is monotone from sample to sample), a second local minimum within the same two steps that the minimiser did
/// not converge to, or an excursion narrower than the tolerance. Within the final bracket bisection finds a crossing,
/// the first one when <c>f</c> crosses zero once there. More grid points shrink every one of these gaps
/// (proportionally to 1/N); no assumption of monotonicity is made otherwise.</para>
/// <para><b>Cost.</b> The scan costs up to N evaluations, bisection ≈ log2(step/tolerance) (≈ 25), and each local
/// minimisation at most ≈ 1.44·log2(2·step/tolerance) (≈ 40, fewer on smooth stretches). A monotone <c>f</c> (delta-one
/// books) has no interior sampled minimum: at most one minimisation at a scan end. A cheaper sound test (a bound on how
/// far <c>f</c> can dip between samples) would need the model's derivatives or a Lipschitz constant, which an
/// <see cref="IMarginModel"/> does not expose.</para>
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
    /// <param name="options">Bracket, scan points and tolerance.</param>
    /// <returns>The move and the numbers there, or "not found" with the numbers at the bracket end.</returns>
    /// <exception cref="ArgumentException">The symbol is neither in the account nor in the snapshot.</exception>
    public static LiquidationDistance Find(Account account, IMarginModel model, MarketSnapshot market, string? underlying = null,
        MoveDirection direction = MoveDirection.Down, AccountThresholds? thresholds = null, LiquidationSearchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(market);
        AccountThresholds levels = thresholds ?? AccountThresholds.Default;
        options ??= LiquidationSearchOptions.Default;
        string[] symbols = Symbols(account, market, underlying);
        var search = new Search(m => AtMoveCore(account, model, market, symbols, m, levels), levels.LiquidationLevel);
        return search.Run(underlying ?? AllUnderlyings, direction, options);
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

    /// <summary>One search: the evaluations of <c>f</c> and their count.</summary>
    private sealed class Search(Func<double, AccountMargin> margin, double level)
    {
        private int _evaluations;
        private int _minimisations;

        private (double F, AccountMargin Account) Eval(double m)
        {
            _evaluations++;
            AccountMargin a = margin(m);
            return (a.Equity - (level * a.MaintenanceMargin), a);
        }

        public LiquidationDistance Run(string scope, MoveDirection direction, LiquidationSearchOptions options)
        {
            double bound = direction == MoveDirection.Down ? options.MaxDownMove : options.MaxUpMove;
            int n = options.GridPoints;
            var moves = new double[n + 1];
            var fs = new double[n + 1];
            (fs[0], AccountMargin last) = Eval(0);
            if (fs[0] < 0)
            {
                return Result(scope, direction, true, 0, last);
            }

            // 1. Scan up to the first negative sample.
            int first = -1, count = 1;
            for (int k = 1; k <= n; k++)
            {
                double x = (double)k / n;
                moves[k] = bound * x * x;
                (fs[k], last) = Eval(moves[k]);
                count = k + 1;
                if (fs[k] < 0)
                {
                    first = k;
                    break;
                }
            }

            // 2. Sampled local minima before it: look for a dip between the samples, nearest to 0 first.
            int lastNonNegative = first < 0 ? n : first - 1;
            for (int k = 0; k <= lastNonNegative; k++)
            {
                if (!IsSampledMinimum(fs, count, k))
                {
                    continue;
                }

                int left = Math.Max(k - 1, 0), right = Math.Min(k + 1, count - 1);
                _minimisations++;
                if (FindNegative(moves[left], moves[right], k > left && k < right ? k : -1, moves, fs, options.Tolerance) is { } dip)
                {
                    // The sample nearest the dip on the side of 0 (f ≥ 0 there): [m_{k−1} or m_k, dip].
                    double inside = Math.Abs(dip.Move) > Math.Abs(moves[k]) ? moves[k] : moves[left];
                    return Bisect(scope, direction, inside, dip.Move, dip.Account, options.Tolerance);
                }
            }

            // 3. The first sign change of the scan, or nothing within the bound.
            return first < 0
                ? Result(scope, direction, false, bound, last)
                : Bisect(scope, direction, moves[first - 1], moves[first], last, options.Tolerance);
        }

        /// <summary>Sample <paramref name="k"/> is not above its neighbours and strictly below one of them (a scan end has one neighbour).</summary>
        private static bool IsSampledMinimum(double[] fs, int count, int k)
        {
            bool hasLeft = k > 0, hasRight = k + 1 < count;
            if (!hasLeft && !hasRight)
            {
                return false;
            }

            bool notAbove = (!hasLeft || fs[k] <= fs[k - 1]) && (!hasRight || fs[k] <= fs[k + 1]);
            bool strictlyBelowOne = (hasLeft && fs[k] < fs[k - 1]) || (hasRight && fs[k] < fs[k + 1]);
            return notAbove && strictlyBelowOne;
        }

        /// <summary>
        /// Brent's bounded minimisation (Brent 1973, <c>localmin</c>) of <c>f</c> between two moves, starting from the
        /// interior sample <paramref name="start"/> when there is one; returns the first evaluated point with
        /// <c>f &lt; 0</c>, or null when the minimum it converges to (to <paramref name="tolerance"/>) is ≥ 0.
        /// </summary>
        private (double Move, AccountMargin Account)? FindNegative(double end1, double end2, int start, double[] moves, double[] fs, double tolerance)
        {
            const double golden = 0.3819660112501051; // (3 − √5)/2
            double a = Math.Min(end1, end2), b = Math.Max(end1, end2);
            double x, fx;
            if (start >= 0)
            {
                x = moves[start];
                fx = fs[start];
            }
            else
            {
                x = a + (golden * (b - a));
                (fx, AccountMargin at) = Eval(x);
                if (fx < 0)
                {
                    return (x, at);
                }
            }

            double w = x, v = x, fw = fx, fv = fx, d = 0, e = 0;
            while (true)
            {
                double mid = 0.5 * (a + b);
                double tol1 = (0.25 * tolerance) + (2.2e-16 * Math.Abs(x));
                double tol2 = 2 * tol1;
                if (Math.Abs(x - mid) <= tol2 - (0.5 * (b - a)))
                {
                    return null;
                }

                bool goldenStep = true;
                if (Math.Abs(e) > tol1)
                {
                    // Parabola through (v, fv), (w, fw), (x, fx).
                    double r = (x - w) * (fx - fv);
                    double q = (x - v) * (fx - fw);
                    double p = ((x - v) * q) - ((x - w) * r);
                    q = 2 * (q - r);
                    if (q > 0)
                    {
                        p = -p;
                    }

                    q = Math.Abs(q);
                    double eOld = e;
                    e = d;
                    if (Math.Abs(p) < Math.Abs(0.5 * q * eOld) && p > q * (a - x) && p < q * (b - x))
                    {
                        d = p / q;
                        double u0 = x + d;
                        if (u0 - a < tol2 || b - u0 < tol2)
                        {
                            d = x < mid ? tol1 : -tol1;
                        }

                        goldenStep = false;
                    }
                }

                if (goldenStep)
                {
                    e = (x < mid ? b : a) - x;
                    d = golden * e;
                }

                double u = Math.Abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
                (double fu, AccountMargin atU) = Eval(u);
                if (fu < 0)
                {
                    return (u, atU);
                }

                if (fu <= fx)
                {
                    if (u < x)
                    {
                        b = x;
                    }
                    else
                    {
                        a = x;
                    }

                    (v, fv, w, fw, x, fx) = (w, fw, x, fx, u, fu);
                }
                else
                {
                    if (u < x)
                    {
                        a = u;
                    }
                    else
                    {
                        b = u;
                    }

                    if (fu <= fw || w == x)
                    {
                        (v, fv, w, fw) = (w, fw, u, fu);
                    }
                    else if (fu <= fv || v == x || v == w)
                    {
                        (v, fv) = (u, fu);
                    }
                }
            }
        }

        /// <summary>Bisects <c>[inside, outside]</c> (f(inside) ≥ 0 &gt; f(outside), <paramref name="atOutside"/> the account there) to the tolerance.</summary>
        private LiquidationDistance Bisect(string scope, MoveDirection direction, double inside, double outside, AccountMargin atOutside, double tolerance)
        {
            double lo = inside, hi = outside;
            AccountMargin last = atOutside;
            while (Math.Abs(hi - lo) > tolerance)
            {
                double mid = 0.5 * (lo + hi);
                (double f, AccountMargin a) = Eval(mid);
                if (f < 0)
                {
                    hi = mid;
                    last = a;
                }
                else
                {
                    lo = mid;
                }
            }

            return Result(scope, direction, true, hi, last);
        }

        private LiquidationDistance Result(string scope, MoveDirection direction, bool found, double move, AccountMargin at) =>
            new(scope, direction, found, move, at, _evaluations) { LocalMinimisations = _minimisations };
    }
}
