using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;
using PortfolioMargin.Revaluation;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Models.Grid;

/// <summary>One group's settled state. Never mutated once the calculator that owns it is built.</summary>
internal sealed class GridWhatIfGroupState
{
    private GridWhatIfGroupState(GridWhatIfTemplate t, double[] losses, double[] tierDelta, Dictionary<Instrument, GridWhatIfContractNet> contracts)
    {
        T = t;
        Losses = losses;
        TierDelta = tierDelta;
        Contracts = contracts;
    }

    public GridWhatIfTemplate T { get; }

    public double[] Losses { get; }

    public double[] TierDelta { get; }

    public Dictionary<Instrument, GridWhatIfContractNet> Contracts { get; }

    public GridWhatIfAggregates A;

    public GridWhatIfDerived D { get; private set; }

    public double Maintenance { get; set; }

    public static GridWhatIfGroupState Empty(GridWhatIfTemplate t) => new(t, new double[t.Scenarios.Length], new double[t.P.IntraTiers.Length], []);

    public void AddBookPosition(GridPosition p, Instrument instrument)
    {
        System.Numerics.Tensors.TensorPrimitives.Subtract(Losses, p.Pnl.AsSpan(), Losses);
        A.NetDelta += p.Delta;
        A.GrossDelta += Math.Abs(p.Delta);
        int tier = GridGroupMath.TierIndex(T.P, p.DaysToExpiry);
        if (tier >= 0)
        {
            TierDelta[tier] += p.Delta;
        }

        if (p.Kind is GridPositionKind.Call or GridPositionKind.Put)
        {
            GridWhatIfContractNet c = Contracts.GetValueOrDefault(instrument, new GridWhatIfContractNet(0, p.UnderlyingPrice));
            Contracts[instrument] = c with { Net = c.Net + p.Units };
        }
        else if (p.Kind == GridPositionKind.Future)
        {
            A.LongNotional += Math.Max(0, p.Units) * p.UnderlyingPrice;
            A.ShortNotional += Math.Max(0, -p.Units) * p.UnderlyingPrice;
        }

        A.Nov += p.Value;
    }

    public void FinishBook()
    {
        foreach (var (instrument, c) in Contracts)
        {
            double shortUnits = Math.Max(0, -c.Net);
            if (instrument is EuropeanOption { Right: OptionRight.Call })
            {
                A.ShortCalls += shortUnits;
            }
            else
            {
                A.ShortPuts += shortUnits;
            }

            if (c.Net < 0 && T.P.ShortOptionContingencyRate > 0)
            {
                A.OptionContingency += T.P.ShortOptionContingencyRate * shortUnits * c.Price;
            }
        }

        double[] consumed = [.. TierDelta];
        D = GridWhatIfDerived.Of(T, Losses, consumed, A, new double[T.Layout.Slots]);
    }

    public static GridWhatIfGroupState After(GridWhatIfTemplate t, GridWhatIfGroupState? before, ReadOnlySpan<double> losses, ReadOnlySpan<double> tierDelta, GridWhatIfAggregates a,
        GridWhatIfDerived d, ReadOnlySpan<GridWhatIfLeg> legs, int group)
    {
        var contracts = before is null ? new Dictionary<Instrument, GridWhatIfContractNet>() : new Dictionary<Instrument, GridWhatIfContractNet>(before.Contracts);
        foreach (ref readonly GridWhatIfLeg leg in legs)
        {
            if (leg.Group == group && leg.GridKind is GridPositionKind.Call or GridPositionKind.Put)
            {
                GridWhatIfContractNet c = contracts.GetValueOrDefault(leg.Instrument, new GridWhatIfContractNet(0, leg.UnderlyingPrice));
                contracts[leg.Instrument] = c with { Net = c.Net + leg.Units };
            }
        }

        return new GridWhatIfGroupState(t, losses.ToArray(), tierDelta.ToArray(), contracts) { A = a, D = d };
    }
}
