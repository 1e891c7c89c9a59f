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

/// <summary>An order position resolved against the snapshot, with the facts the grid needs.</summary>
internal readonly struct GridWhatIfLeg
{
    private GridWhatIfLeg(ResolvedLeg resolved, Instrument instrument, int group, double daysPerYear, double delta, double units, GridPositionKind kind,
        double underlyingPrice, double value)
    {
        Resolved = resolved;
        Instrument = instrument;
        Group = group;
        DaysPerYear = daysPerYear;
        Delta = delta;
        Units = units;
        GridKind = kind;
        UnderlyingPrice = underlyingPrice;
        Value = value;
    }

    public ResolvedLeg Resolved { get; }

    public Instrument Instrument { get; }

    public int Group { get; }

    public double DaysPerYear { get; }

    public double DaysToExpiry => Resolved.Time * DaysPerYear;

    public double Delta { get; }

    public double Units { get; }

    public GridPositionKind GridKind { get; }

    public double UnderlyingPrice { get; }

    public double Value { get; }

    /// <summary>Resolves with the one resolver (<see cref="ResolvedLeg.Resolve"/>) and derives delta, units and value like <see cref="ScenarioGridModel.Inputs"/>.</summary>
    public static GridWhatIfLeg Resolve(Position p, int group, GridWhatIfTemplate t, MarketSnapshot m, double daysPerYear)
    {
        ResolvedLeg resolved = ResolvedLeg.Resolve(p, m);
        Instrument ins = p.Instrument;
        (double delta, double value) = PortfolioValuation.DeltaAndValue(resolved);
        GridPositionKind kind = ins.Kind switch
        {
            InstrumentKind.Spot => GridPositionKind.Spot,
            InstrumentKind.LinearOption or InstrumentKind.InverseOption => resolved.Omega > 0 ? GridPositionKind.Call : GridPositionKind.Put,
            _ => GridPositionKind.Future,
        };
        bool isOption = kind is GridPositionKind.Call or GridPositionKind.Put;
        double quoteFx = double.IsNaN(t.QuoteFx) ? MarketLookup.Fx(m, ins.Underlying.QuoteCurrency, ins) : t.QuoteFx;
        return new GridWhatIfLeg(resolved, ins, group, daysPerYear, delta, isOption ? p.Quantity * ins.Multiplier : delta, kind, resolved.Price * quoteFx, isOption ? value : 0.0);
    }
}
