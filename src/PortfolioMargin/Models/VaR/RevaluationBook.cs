using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using PortfolioMargin.Instruments;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing.Kernels;

namespace PortfolioMargin.Models.VaR;

/// <summary>
/// A resolved portfolio flattened once for full revaluation under factor price multipliers <c>M_j</c> (every price of
/// factor j's underlying becomes <c>F·M_j</c>; vols, rates and times unchanged; settlement P&amp;L converted at today's
/// rate). Linear products aggregate per factor: <c>P&amp;L = Lin_j·(M_j − 1) + Inv_j·(1 − 1/M_j)</c>; options are
/// repriced with <see cref="Black76Kernel"/> (linear options first, then inverse ones). Immutable after construction;
/// the per-call scratch lives in <see cref="Workspace"/>.
/// </summary>
internal sealed class RevaluationBook
{
    private readonly int[] positionSlot;
    private readonly double[] lin, inv;
    private readonly int[] optionSlot, optionPosition;
    private readonly double[] f0, strike, vol, time, rate, omega, coef;
    private readonly double baseValue;
    private readonly ResolvedPortfolio portfolio;

    public RevaluationBook(ResolvedPortfolio portfolio, int[] positionSlot, int slots)
    {
        this.portfolio = portfolio;
        this.positionSlot = positionSlot;
        Slots = slots;
        lin = new double[slots];
        inv = new double[slots];
        var options = new List<int>();
        for (int i = 0; i < portfolio.Count; i++)
        {
            double c = portfolio.Quantity[i] * portfolio.Multiplier[i] * portfolio.SettlementToReport[i];
            switch (portfolio.Kind[i])
            {
                case InstrumentKind.Spot or InstrumentKind.LinearFuture or InstrumentKind.LinearPerpetual:
                    lin[positionSlot[i]] += c * portfolio.Price[i];
                    break;
                case InstrumentKind.InverseFuture or InstrumentKind.InversePerpetual:
                    inv[positionSlot[i]] += c / portfolio.Price[i];
                    break;
                default:
                    options.Add(i);
                    break;
            }
        }

        // Linear options first, then inverse ones.
        int[] order = [.. options.Where(i => portfolio.Kind[i] == InstrumentKind.LinearOption), .. options.Where(i => portfolio.Kind[i] == InstrumentKind.InverseOption)];
        LinearOptions = order.Count(i => portfolio.Kind[i] == InstrumentKind.LinearOption);
        int o = order.Length;
        optionPosition = order;
        optionSlot = new int[o];
        f0 = new double[o];
        strike = new double[o];
        vol = new double[o];
        time = new double[o];
        rate = new double[o];
        omega = new double[o];
        coef = new double[o];
        for (int j = 0; j < o; j++)
        {
            int i = order[j];
            optionSlot[j] = positionSlot[i];
            f0[j] = portfolio.Price[i];
            strike[j] = portfolio.Strike[i];
            vol[j] = portfolio.Vol[i];
            time[j] = portfolio.Time[i];
            rate[j] = portfolio.Rate[i];
            omega[j] = portfolio.Omega[i];
            coef[j] = portfolio.Quantity[i] * portfolio.Multiplier[i] * portfolio.SettlementToReport[i];
        }

        var p0 = new double[o];
        Black76Kernel.RunScalar(f0, strike, vol, time, rate, omega, p0, default);
        double b = 0;
        for (int j = 0; j < o; j++)
        {
            double value = coef[j] * (j < LinearOptions ? p0[j] : p0[j] / f0[j]);
            if (!double.IsFinite(value))
            {
                ThrowNotFinite(portfolio, order[j], value);
            }

            b += value;
        }

        for (int i = 0; i < portfolio.Count; i++)
        {
            double c = portfolio.Quantity[i] * portfolio.Multiplier[i] * portfolio.SettlementToReport[i];
            double exposure = portfolio.Kind[i] switch
            {
                InstrumentKind.Spot or InstrumentKind.LinearFuture or InstrumentKind.LinearPerpetual => c * portfolio.Price[i],
                InstrumentKind.InverseFuture or InstrumentKind.InversePerpetual => c / portfolio.Price[i],
                _ => 0.0,
            };
            if (!double.IsFinite(exposure))
            {
                ThrowNotFinite(portfolio, i, exposure);
            }
        }

        if (!double.IsFinite(b) || lin.Any(x => !double.IsFinite(x)) || inv.Any(x => !double.IsFinite(x)))
        {
            Guard.ThrowArgument("VaR full revaluation: the book's positions are each finite but their sum per factor overflows the double range; the book is outside the range the model computes.", "portfolio");
        }

        baseValue = b;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowNotFinite(ResolvedPortfolio portfolio, int i, double value) =>
        Guard.ThrowArgument(System.FormattableString.Invariant(
            $"VaR full revaluation: position '{portfolio.Portfolio[i]}' is worth {value:G6} (quantity x multiplier x conversion rate x price, or its option price, is not finite) at today's prices; a VaR needs finite values. The position is outside the range the model computes (check its quantity, multiplier and market data)."),
            "portfolio");

    /// <summary>
    /// Refuses a set of scenario losses with a loss that is not finite (a position revalued to NaN or infinity at a
    /// scenario's prices), naming the scenario and the position, instead of letting the empirical quantile turn it into 0.
    /// </summary>
    /// <param name="losses">The scenario losses.</param>
    /// <param name="multipliers">Regenerates a scenario's price multipliers.</param>
    /// <param name="scenario">Names a scenario in the message, e.g. <c>path 17</c>.</param>
    /// <exception cref="ArgumentException">A loss is not finite.</exception>
    public void CheckLosses(ReadOnlySpan<double> losses, Action<int, Span<double>> multipliers, Func<int, string> scenario)
    {
        int bad = -1;
        for (int s = 0; s < losses.Length && bad < 0; s++)
        {
            bad = double.IsFinite(losses[s]) ? -1 : s;
        }

        if (bad < 0)
        {
            return;
        }

        var m = new double[Slots];
        multipliers(bad, m);
        var loss = new double[portfolio.Count];
        PositionLosses(m, loss);
        int position = Array.FindIndex(loss, x => !double.IsFinite(x));
        string what = position >= 0
            ? System.FormattableString.Invariant($"position '{portfolio.Portfolio[position]}' revalues to a loss of {loss[position]:G6} at its prices (price multiplier {m[positionSlot[position]]:G6})")
            : "the positions' losses are finite but their sum overflows the double range";
        Guard.ThrowArgument(System.FormattableString.Invariant(
            $"VaR full revaluation, {scenario(bad)}: the book's loss is {losses[bad]:G6}: {what}. A VaR needs finite losses; the book is outside the range the model computes."),
            "portfolio");
    }

    /// <summary>Number of factor slots.</summary>
    public int Slots { get; }

    /// <summary>Number of options.</summary>
    public int Options => f0.Length;

    /// <summary>Number of linear options (the first ones).</summary>
    public int LinearOptions { get; }

    /// <summary>Per-call scratch (rented; dispose to return).</summary>
    public sealed class Workspace : IDisposable
    {
        public Workspace(int options)
        {
            Forward = ArrayPool<double>.Shared.Rent(Math.Max(options, 1));
            Price = ArrayPool<double>.Shared.Rent(Math.Max(options, 1));
        }

        public double[] Forward { get; }

        public double[] Price { get; }

        public void Dispose()
        {
            ArrayPool<double>.Shared.Return(Forward);
            ArrayPool<double>.Shared.Return(Price);
        }
    }

    /// <summary>Loss (−P&amp;L, report currency) of the book under multipliers <paramref name="m"/>: vectorized pricing and dot products.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Loss(ReadOnlySpan<double> m, Workspace ws)
    {
        double pnl = LinearPnl(m) - baseValue;
        int o = f0.Length;
        if (o > 0)
        {
            Span<double> f = ws.Forward.AsSpan(0, o), p = ws.Price.AsSpan(0, o);
            Gather(m, f);
            Black76Kernel.Run(f, strike, vol, time, rate, omega, p, default);
            int nl = LinearOptions;
            pnl += TensorPrimitives.Dot(coef.AsSpan(0, nl), p[..nl]);
            Span<double> pi = p[nl..];
            TensorPrimitives.Divide(pi, f[nl..], pi);
            pnl += TensorPrimitives.Dot(coef.AsSpan(nl), pi);
        }

        return -pnl;
    }

    /// <summary>Scalar twin of <see cref="Loss"/>: the scalar pricer and plain loops.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double LossScalar(ReadOnlySpan<double> m, Workspace ws)
    {
        double pnl = LinearPnl(m) - baseValue;
        int o = f0.Length;
        if (o > 0)
        {
            Span<double> f = ws.Forward.AsSpan(0, o), p = ws.Price.AsSpan(0, o);
            Gather(m, f);
            Black76Kernel.RunScalar(f, strike, vol, time, rate, omega, p, default);
            double s = 0;
            for (int j = 0; j < o; j++)
            {
                s += coef[j] * (j < LinearOptions ? p[j] : p[j] / f[j]);
            }

            pnl += s;
        }

        return -pnl;
    }

    /// <summary>Loss of every position (portfolio order) under multipliers <paramref name="m"/>, by the scalar pricer.</summary>
    public void PositionLosses(ReadOnlySpan<double> m, Span<double> destination)
    {
        for (int i = 0; i < portfolio.Count; i++)
        {
            double c = portfolio.Quantity[i] * portfolio.Multiplier[i] * portfolio.SettlementToReport[i];
            double mi = m[positionSlot[i]];
            destination[i] = portfolio.Kind[i] switch
            {
                InstrumentKind.Spot or InstrumentKind.LinearFuture or InstrumentKind.LinearPerpetual => -(c * portfolio.Price[i] * (mi - 1)),
                InstrumentKind.InverseFuture or InstrumentKind.InversePerpetual => -(c / portfolio.Price[i] * (1 - (1 / mi))),
                _ => 0.0,
            };
        }

        for (int j = 0; j < f0.Length; j++)
        {
            double f = f0[j] * m[optionSlot[j]];
            double v = Black76Kernel.Scalar(f, strike[j], vol[j], time[j], rate[j], omega[j], out _);
            double v0 = Black76Kernel.Scalar(f0[j], strike[j], vol[j], time[j], rate[j], omega[j], out _);
            destination[optionPosition[j]] = j < LinearOptions ? -(coef[j] * (v - v0)) : -(coef[j] * ((v / f) - (v0 / f0[j])));
        }
    }

    private double LinearPnl(ReadOnlySpan<double> m)
    {
        double s = 0;
        for (int j = 0; j < m.Length; j++)
        {
            s += (lin[j] * (m[j] - 1)) + (inv[j] * (1 - (1 / m[j])));
        }

        return s;
    }

    private void Gather(ReadOnlySpan<double> m, Span<double> f)
    {
        for (int j = 0; j < f.Length; j++)
        {
            f[j] = f0[j] * m[optionSlot[j]];
        }
    }
}
