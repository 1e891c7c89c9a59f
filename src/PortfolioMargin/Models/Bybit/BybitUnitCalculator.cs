using System.Collections.Immutable;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;
using PortfolioMargin.Revaluation;
using Ids = PortfolioMargin.Scenarios.ScenarioIds;

namespace PortfolioMargin.Models.Bybit;

/// <summary>
/// Bybit's stress test (price points × relative IV up/same/down, by the shared kernel) and contingencies for the
/// positions of one risk unit. One instance per call.
/// </summary>
internal sealed class BybitUnitCalculator
{
    private readonly ResolvedPortfolio _book;
    private readonly BybitUnitParameters _u;
    private readonly RiskGroup _g;
    private readonly double _index;
    private readonly double[] _vols, _scratch, _pnl, _units;

    public BybitUnitCalculator(ResolvedPortfolio book, int underlying, BybitParameters parameters)
    {
        _book = book;
        _g = new RiskGroup(book, underlying);
        Underlying u = book.Underlyings[underlying];
        _u = parameters.For(u.Symbol);
        double spot = book.UnderlyingSpot[underlying];
        if (double.IsNaN(spot))
        {
            throw new MissingMarketDataException(u.Symbol, $"spot (index) price of underlying '{u.Symbol}' (Bybit's contingencies are a fraction of the index)");
        }

        _index = spot * book.Market.FxToReport(u.QuoteCurrency, u.Symbol);
        _vols = new double[Math.Max(_g.Options, 1)];
        _scratch = new double[Math.Max(4 * _g.Options, 1)];
        _pnl = new double[_g.Count];
        // Options: units of the underlying (q·m); delta-one: delta in units of the underlying.
        _units = [.. _g.Positions.Select((i, j) => j < _g.Options ? book.Quantity[i] * book.Multiplier[i] : PortfolioValuation.DeltaAndValue(book, i).Delta)];
    }

    public BybitUnitResult Compute(Span<double> mmShare, Span<double> imShare)
    {
        var pnl = ImmutableArray.CreateBuilder<double>();
        var ids = ImmutableArray.CreateBuilder<string>();
        double worst = 0;
        string? binding = null;
        double[] loss = new double[_g.Count];
        for (int k = 0; k < _u.PricePoints; k++)
        {
            double move = _u.Move(k);
            for (int leg = 1; leg >= -1; leg--)
            {
                for (int j = 0; j < _g.Options; j++)
                {
                    _vols[j] = _g.Vol[j] * (leg > 0 ? 1 + _u.VolUp : leg < 0 ? 1 - _u.VolDown : 1);
                }

                _g.RevalueWithVols(move, _vols.AsSpan(0, _g.Options), _pnl, _scratch);
                double total = _pnl.Sum();
                string id = $"S{Ids.Move(move)}_{(leg > 0 ? "VU" : leg < 0 ? "VD" : "V0")}";
                pnl.Add(total);
                ids.Add(id);
                if (-total > worst)
                {
                    (worst, binding) = (-total, id);
                    for (int j = 0; j < _g.Count; j++)
                    {
                        loss[j] = -_pnl[j];
                    }
                }
            }
        }

        var share = new double[_book.Count];
        int[] rows = _g.Positions;
        ContributionShares.Add(worst, rows, loss, share);
        double shortOption = ShortOption(share), vega = Spread(true, share), delta = Spread(false, share), futures = Futures(share);
        double mm = worst + shortOption + vega + delta + futures;
        foreach (int i in rows)
        {
            mmShare[i] += share[i];
            imShare[i] += share[i] * _u.InitialFactor;
        }

        return new BybitUnitResult(_g.Underlying.Symbol, pnl.ToImmutable(), ids.ToImmutable(), worst, binding, shortOption, vega, delta, futures, mm, mm * _u.InitialFactor);
    }

    private double ShortOption(double[] share)
    {
        double net = 0;
        for (int j = 0; j < _g.Options; j++)
        {
            net += _units[j];
        }

        double charge = Math.Max(0, -net) * _index * _u.ShortOptionRate;
        int[] shorts = [.. Enumerable.Range(0, _g.Options).Where(j => _units[j] < 0)];
        ContributionShares.Add(charge, [.. shorts.Select(j => _g.Positions[j])], [.. shorts.Select(j => -_units[j])], share);
        return charge;
    }

    /// <summary>
    /// Calendar contingency: net units per expiry (options for the vega spread, futures and perpetuals for the delta spread),
    /// opposite nets paired nearest-first; each hedged unit costs |Δ days| × rate (vega, per day) or |Δ years| × rate (delta, per year) × index.
    /// </summary>
    private double Spread(bool options, double[] share)
    {
        var nets = new SortedDictionary<double, (double Net, List<int> Legs)>();
        for (int j = options ? 0 : _g.Options; j < (options ? _g.Options : _g.Count); j++)
        {
            int i = _g.Positions[j];
            if (_book.Kind[i] == InstrumentKind.Spot)
            {
                continue;
            }

            double t = _book.Time[i];
            (double net, List<int> legs) = nets.TryGetValue(t, out var e) ? e : (0, []);
            legs.Add(j);
            nets[t] = (net + _units[j], legs);
        }

        double[] times = [.. nets.Keys];
        double[] remaining = [.. nets.Values.Select(v => v.Net)];
        double total = 0;
        for (int a = 0; a < times.Length; a++)
        {
            for (int b = a + 1; b < times.Length && remaining[a] != 0; b++)
            {
                if (remaining[a] * remaining[b] >= 0)
                {
                    continue;
                }

                double hedged = Math.Min(Math.Abs(remaining[a]), Math.Abs(remaining[b]));
                double gap = Math.Abs(times[b] - times[a]) * (options ? _g.DaysPerYear : 1);
                double charge = hedged * gap * (options ? _u.VegaSpreadRatePerDay : _u.DeltaSpreadRatePerYear) * _index;
                total += charge;
                List<int> legs = [.. nets[times[a]].Legs, .. nets[times[b]].Legs];
                ContributionShares.Add(charge, [.. legs.Select(j => _g.Positions[j])], [.. legs.Select(j => Math.Abs(_units[j]))], share);
                remaining[a] -= Math.Sign(remaining[a]) * hedged;
                remaining[b] -= Math.Sign(remaining[b]) * hedged;
            }
        }

        return total;
    }

    private double Futures(double[] share)
    {
        double total = 0;
        for (int j = _g.Options; j < _g.Count; j++)
        {
            int i = _g.Positions[j];
            if (_book.Kind[i] != InstrumentKind.Spot)
            {
                double charge = Math.Abs(_units[j]) * _index * _u.FuturesRate;
                share[i] += charge;
                total += charge;
            }
        }

        return total;
    }
}
