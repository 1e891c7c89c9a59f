using System.Numerics.Tensors;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;
using PortfolioMargin.Pricing.Kernels;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Revaluation;

/// <summary>
/// The positions of one underlying, flattened once for revaluation, in block order
/// <c>[linear options | inverse options | linear delta-one | inverse delta-one]</c>. Each block is contiguous so the
/// per-scenario work is span arithmetic (<see cref="TensorPrimitives"/>) plus one Black-76 kernel call for the options.
/// All amounts are converted to the report currency with the snapshot's explicit conversion rates.
/// </summary>
internal sealed class RiskGroup
{
    /// <summary>Vol floor applied to shocked vols (spec §5): 0.01 vol point.</summary>
    public const double VolFloor = 1e-4;

    public RiskGroup(ResolvedPortfolio p, int underlyingIndex)
    {
        Underlying = p.Underlyings[underlyingIndex];
        // Block order [linear options | inverse options | linear delta-one | inverse delta-one], portfolio order within a block.
        Span<int> blockCount = stackalloc int[4];
        for (int i = 0; i < p.Count; i++)
        {
            if (p.UnderlyingIndex[i] == underlyingIndex)
            {
                blockCount[BlockOf(p.Kind[i])]++;
            }
        }

        LinearOptions = blockCount[0];
        Options = blockCount[0] + blockCount[1];
        LinearDeltaEnd = Options + blockCount[2];
        Positions = new int[LinearDeltaEnd + blockCount[3]];
        Span<int> next = [0, blockCount[0], Options, LinearDeltaEnd];
        for (int i = 0; i < p.Count; i++)
        {
            if (p.UnderlyingIndex[i] == underlyingIndex)
            {
                Positions[next[BlockOf(p.Kind[i])]++] = i;
            }
        }

        int n = Positions.Length, o = Options;
        _block = new double[(8 * o) + n]; // eight option columns, then the exposures: one allocation per group
        double daysPerYear = p.Market.DayCount.DaysPerYear();
        for (int j = 0; j < n; j++)
        {
            int i = Positions[j];
            double qmfx = p.Quantity[i] * p.Multiplier[i] * p.SettlementToReport[i];
            if (j < o)
            {
                Forward[j] = p.Price[i];
                Strike[j] = p.Strike[i];
                Vol[j] = p.Vol[i];
                Time[j] = p.Time[i];
                Rate[j] = p.Rate[i];
                Omega[j] = p.Omega[i];
                double price = p.OptionBlack76[i].Price; // priced once, at resolution
                BaseUnitValue[j] = j < LinearOptions ? price : price / p.Price[i];
                LogDte[j] = Math.Log(Math.Max(p.Time[i] * daysPerYear, 1.0));
                Exposure[j] = qmfx;
            }
            else if (j < LinearDeltaEnd)
            {
                Exposure[j] = qmfx * p.Price[i];   // P&L = q·m·fx·P·move
            }
            else
            {
                Exposure[j] = qmfx / p.Price[i];   // coin P&L = q·m·fx/P·move/(1+move)
            }
        }

        DaysPerYear = daysPerYear;
    }

    private static int BlockOf(InstrumentKind kind) => kind switch
    {
        InstrumentKind.LinearOption => 0,
        InstrumentKind.InverseOption => 1,
        InstrumentKind.InverseFuture or InstrumentKind.InversePerpetual => 3,
        _ => 2,
    };

    private readonly double[] _block;

    public Underlying Underlying { get; }

    /// <summary>Portfolio indices of the group's positions in block order.</summary>
    public int[] Positions { get; }

    public int Count => Positions.Length;

    public int Options { get; }

    public int LinearOptions { get; }

    public int LinearDeltaEnd { get; }

    public double DaysPerYear { get; }

    public Span<double> Forward => _block.AsSpan(0 * Options, Options);

    public Span<double> Strike => _block.AsSpan(1 * Options, Options);

    public Span<double> Vol => _block.AsSpan(2 * Options, Options);

    public Span<double> Time => _block.AsSpan(3 * Options, Options);

    public Span<double> Rate => _block.AsSpan(4 * Options, Options);

    public Span<double> Omega => _block.AsSpan(5 * Options, Options);

    /// <summary>Base value per unit in settlement currency: Black-76 price (linear) or price/F (inverse).</summary>
    public Span<double> BaseUnitValue => _block.AsSpan(6 * Options, Options);

    /// <summary><c>ln(max(DTE, 1 day))</c> for the (ref/DTE)^p vol scaling.</summary>
    public Span<double> LogDte => _block.AsSpan(7 * Options, Options);

    /// <summary>Per position: <c>q·m·fx</c> (options), <c>q·m·fx·P</c> (linear), <c>q·m·fx/P</c> (inverse).</summary>
    public Span<double> Exposure => _block.AsSpan(8 * Options);

    /// <summary>Scratch length needed by <see cref="Revalue"/>: four option-length buffers.</summary>
    public int ScratchLength => 4 * Options;

    /// <summary>
    /// Writes the weighted P&amp;L of every position in <paramref name="scenario"/> (report currency, block order) to
    /// <paramref name="pnl"/> and returns how many option vols hit <see cref="VolFloor"/>. Allocates nothing.
    /// </summary>
    public int Revalue(Scenario scenario, Span<double> pnl, Span<double> scratch)
    {
        UnderlyingShock shock = scenario.ShockFor(Underlying.Symbol);
        double move = shock.PriceMove, w = scenario.Weight;
        int o = Options, floored = 0;
        if (o > 0)
        {
            Span<double> f = scratch.Slice(0, o), v = scratch.Slice(o, o), t = scratch.Slice(2 * o, o), price = scratch.Slice(3 * o, o);
            TensorPrimitives.Multiply(Forward, 1.0 + move, f);
            ShockVols(shock, v, price);
            floored = CountBelow(v, VolFloor);
            TensorPrimitives.Max(v, VolFloor, v);
            TensorPrimitives.Subtract(Time, scenario.TimeShiftDays / DaysPerYear, t);
            Black76Kernel.Run(f, Strike, v, t, Rate, Omega, price, default);
            Span<double> inverse = price.Slice(LinearOptions);
            TensorPrimitives.Divide(inverse, f.Slice(LinearOptions), inverse);
            Span<double> optPnl = pnl.Slice(0, o);
            TensorPrimitives.Subtract(price, BaseUnitValue, optPnl);
            TensorPrimitives.Multiply(optPnl, Exposure.Slice(0, o), optPnl);
            if (w != 1.0)
            {
                TensorPrimitives.Multiply(optPnl, w, optPnl);
            }
        }

        TensorPrimitives.Multiply(Exposure.Slice(o, LinearDeltaEnd - o), w * move, pnl.Slice(o, LinearDeltaEnd - o));
        TensorPrimitives.Multiply(Exposure.Slice(LinearDeltaEnd), w * move / (1.0 + move), pnl.Slice(LinearDeltaEnd, Count - LinearDeltaEnd));
        return floored;
    }

    /// <summary>
    /// Writes the P&amp;L of every position at the relative price move <paramref name="move"/> with the option vols
    /// given by the caller (<paramref name="shockedVols"/>, one per option in block order, floored at
    /// <see cref="VolFloor"/>), weight 1 and no time shift, to <paramref name="pnl"/> (report currency, block order).
    /// For venue methods whose vol shock is a per-expiry or per-strike rule the scenario types do not express.
    /// Returns how many vols hit the floor. Allocates nothing.
    /// </summary>
    public int RevalueWithVols(double move, ReadOnlySpan<double> shockedVols, Span<double> pnl, Span<double> scratch)
    {
        int o = Options, floored = 0;
        if (o > 0)
        {
            Span<double> f = scratch.Slice(0, o), v = scratch.Slice(o, o), price = scratch.Slice(3 * o, o);
            TensorPrimitives.Multiply(Forward, 1.0 + move, f);
            floored = CountBelow(shockedVols.Slice(0, o), VolFloor);
            TensorPrimitives.Max(shockedVols.Slice(0, o), VolFloor, v);
            Black76Kernel.Run(f, Strike, v, Time, Rate, Omega, price, default);
            Span<double> inverse = price.Slice(LinearOptions);
            TensorPrimitives.Divide(inverse, f.Slice(LinearOptions), inverse);
            Span<double> optPnl = pnl.Slice(0, o);
            TensorPrimitives.Subtract(price, BaseUnitValue, optPnl);
            TensorPrimitives.Multiply(optPnl, Exposure.Slice(0, o), optPnl);
        }

        TensorPrimitives.Multiply(Exposure.Slice(o, LinearDeltaEnd - o), move, pnl.Slice(o, LinearDeltaEnd - o));
        TensorPrimitives.Multiply(Exposure.Slice(LinearDeltaEnd), move / (1.0 + move), pnl.Slice(LinearDeltaEnd, Count - LinearDeltaEnd));
        return floored;
    }

    private void ShockVols(UnderlyingShock shock, Span<double> v, Span<double> tmp)
    {
        ReadOnlySpan<double> baseVol = Vol;
        if (shock.TermExponent == 0)
        {
            if (shock.VolMoveKind == VolMoveKind.Absolute)
            {
                TensorPrimitives.Add(baseVol, shock.VolMove, v);
            }
            else
            {
                TensorPrimitives.Multiply(baseVol, 1.0 + shock.VolMove, v);
            }

            return;
        }

        // move_i = VolMove · (ref / max(DTE_i, 1))^p = VolMove · exp(p·(ln ref − ln max(DTE_i, 1)))
        TensorPrimitives.Multiply(LogDte, -shock.TermExponent, tmp);
        TensorPrimitives.Add(tmp, shock.TermExponent * Math.Log(shock.ReferenceDays), tmp);
        TensorPrimitives.Exp(tmp, tmp);
        TensorPrimitives.Multiply(tmp, shock.VolMove, tmp);
        if (shock.VolMoveKind == VolMoveKind.Absolute)
        {
            TensorPrimitives.Add(baseVol, tmp, v);
        }
        else
        {
            TensorPrimitives.MultiplyAdd(baseVol, tmp, baseVol, v);
        }
    }

    private static int CountBelow(ReadOnlySpan<double> v, double floor)
    {
        if (TensorPrimitives.Min(v) >= floor)
        {
            return 0;
        }

        int count = 0;
        foreach (double x in v)
        {
            if (x < floor)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Scalar reference of one position's weighted scenario P&amp;L (used by tests and the what-if path).</summary>
    public static double ScalarPnl(ResolvedPortfolio p, int i, Scenario scenario) =>
        ScalarPnl(p.Leg(i), scenario, p.Market.DayCount.DaysPerYear());

    /// <summary>Scalar reference of one resolved position's weighted scenario P&amp;L in the report currency.</summary>
    public static double ScalarPnl(in ResolvedLeg leg, Scenario scenario, double daysPerYear)
    {
        UnderlyingShock shock = scenario.ShockFor(leg.Symbol);
        double move = shock.PriceMove, qmfx = leg.Quantity * leg.Multiplier * leg.SettlementToReport, price = leg.Price;
        double shocked = price * (1 + move);
        double pnl;
        switch (leg.Kind)
        {
            case InstrumentKind.LinearOption or InstrumentKind.InverseOption:
                double dv = shock.VolMoveFor(leg.Time * daysPerYear);
                double vol = Math.Max(shock.VolMoveKind == VolMoveKind.Absolute ? leg.Vol + dv : leg.Vol * (1 + dv), VolFloor);
                var right = leg.Omega > 0 ? OptionRight.Call : OptionRight.Put;
                double v0 = leg.Black76.Price;
                double v1 = Black76.Price(right, shocked, leg.Strike, leg.Time - (scenario.TimeShiftDays / daysPerYear), leg.Rate, vol);
                pnl = leg.Kind == InstrumentKind.LinearOption ? qmfx * (v1 - v0) : qmfx * ((v1 / shocked) - (v0 / price));
                break;
            case InstrumentKind.InverseFuture or InstrumentKind.InversePerpetual:
                pnl = FuturePnl.Inverse(leg.Quantity, leg.Multiplier, price, shocked) * leg.SettlementToReport;
                break;
            default:
                pnl = qmfx * (shocked - price);
                break;
        }

        return scenario.Weight * pnl;
    }
}

