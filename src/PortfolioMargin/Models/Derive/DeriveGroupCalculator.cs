using System.Collections.Immutable;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Revaluation;

namespace PortfolioMargin.Models.Derive;

/// <summary>
/// Derive PM2 for the positions of one underlying (one PM2 subaccount): options grouped by expiry and revalued by the
/// shared kernel (<see cref="RiskGroup.RevalueWithVols"/>) with Derive's vol rules, static discount per expiry,
/// perpetuals and base collateral linear in the spot shock; then the forward contingency, the contingencies and the
/// requirements. Every scenario P&amp;L is split over the positions exactly (the expiry's discount applied to each
/// option's shocked value), so the binding scenario's split gives the contributions. Not thread-shared: one instance per call.
/// </summary>
internal sealed class DeriveGroupCalculator
{
    private const double SecondsPerYear = 365 * 86_400.0;
    private readonly ResolvedPortfolio _book;
    private readonly DeriveParameters _p;
    private readonly RiskGroup _g;
    private readonly double _stable;
    private readonly int[] _expiryOf;
    private readonly List<ExpiryState> _expiries = [];
    private readonly double[] _value, _pnl, _vols, _scratch, _attr;
    private readonly double _spotInReport;

    private sealed class ExpiryState
    {
        public double Tau, Seconds, Forward, Rate, Mtm, Up, Down, Positive, Negative, ForwardLoss;
        public readonly List<int> Options = [];
    }

    public DeriveGroupCalculator(ResolvedPortfolio book, int underlying, DeriveParameters parameters, double stablePrice)
    {
        _book = book;
        _p = parameters;
        _stable = stablePrice;
        _g = new RiskGroup(book, underlying);
        Underlying u = book.Underlyings[underlying];
        double spot = book.UnderlyingSpot[underlying];
        if (double.IsNaN(spot))
        {
            throw new MissingMarketDataException(u.Symbol, $"spot price of underlying '{u.Symbol}' (Derive contingencies are a fraction of the spot)");
        }

        _spotInReport = spot * book.Market.FxToReport(u.QuoteCurrency, u.Symbol);
        int n = _g.Count, o = _g.Options;
        _value = new double[n];
        _pnl = new double[n];
        _attr = new double[n];
        _vols = new double[Math.Max(o, 1)];
        _scratch = new double[Math.Max(4 * o, 1)];
        _expiryOf = new int[o];
        BuildExpiries();
        for (int j = o; j < n; j++)
        {
            _value[j] = IsCollateral(j) ? _g.Exposure[j] / _stable : 0;
        }
    }

    private bool IsCollateral(int j) => _book.Kind[_g.Positions[j]] == InstrumentKind.Spot;

    private void BuildExpiries()
    {
        double daysPerYear = _g.DaysPerYear;
        var byTime = new Dictionary<double, int>();
        for (int j = 0; j < _g.Options; j++)
        {
            double t = _g.Time[j];
            if (!byTime.TryGetValue(t, out int e))
            {
                e = _expiries.Count;
                byTime.Add(t, e);
                double seconds = t * daysPerYear * 86_400.0;
                var state = new ExpiryState { Seconds = seconds, Tau = seconds / SecondsPerYear, Forward = _g.Forward[j], Rate = _g.Rate[j] };
                (state.Up, state.Down) = _p.VolShock.Multipliers(seconds);
                (state.Positive, state.Negative) = _p.Discount.Factors(state.Tau, state.Rate);
                _expiries.Add(state);
            }

            _expiryOf[j] = e;
            _expiries[e].Options.Add(j);
            _value[j] = _g.Exposure[j] * _g.BaseUnitValue[j];
            _expiries[e].Mtm += _value[j];
        }
    }

    /// <summary>Runs the group; adds each position's MM and IM share (portfolio index) to the spans.</summary>
    public DeriveGroupResult Compute(Span<double> maintenanceShare, Span<double> initialShare)
    {
        int n = _g.Count;
        double[] binding = new double[n];
        double maxLoss = ForwardContingency(binding);
        string bindingId = "FWD_CONT";
        var pnl = new double[_p.Scenarios.Length];
        double worstReg = 0, worstTail = 0, worstSkew = 0;
        for (int s = 0; s < pnl.Length; s++)
        {
            DeriveScenario sc = _p.Scenarios[s];
            double total = pnl[s] = Scenario(sc);
            if (sc.VolShock is DeriveVolShock.Linear or DeriveVolShock.Abs)
            {
                worstSkew = Math.Min(worstSkew, total);
            }
            else if (sc.Tail)
            {
                worstTail = Math.Min(worstTail, total);
            }
            else
            {
                worstReg = Math.Min(worstReg, total);
            }

            if (total < maxLoss)
            {
                maxLoss = total;
                bindingId = _p.ScenarioId(s);
                _attr.CopyTo(binding, 0);
            }
        }

        double forward = 0;
        foreach (ExpiryState e in _expiries)
        {
            forward += e.ForwardLoss;
        }

        return Finish(pnl, worstReg, worstTail, worstSkew, forward, maxLoss, bindingId, binding, maintenanceShare, initialShare);
    }

    private DeriveGroupResult Finish(double[] pnl, double worstReg, double worstTail, double worstSkew, double forward, double maxLoss, string bindingId,
        double[] binding, Span<double> maintenanceShare, Span<double> initialShare)
    {
        var mm = new double[_g.Count];
        var im = new double[_g.Count];
        (double perpMm, double perpIm) = PerpContingency(mm, im);
        (double optMm, double optIm) = OptionContingency(mm, im);
        (double colMm, double colIm) = CollateralContingency(mm, im);
        DeriveContingencyParameters c = _p.Contingency;
        double imFactor = _p.InitialLossFactor + (Math.Max(0, c.PegLossThreshold - _stable) * c.PegLossFactor);
        double mmFactor = _p.MaintenanceLossFactor;
        double mtm = 0;
        for (int j = 0; j < _g.Count; j++)
        {
            int i = _g.Positions[j];
            maintenanceShare[i] += (-mmFactor * binding[j]) + mm[j];
            initialShare[i] += (-imFactor * binding[j]) + mm[j] + im[j];
            mtm += _value[j];
        }

        double mmReq = (-mmFactor * maxLoss) + perpMm + optMm + colMm;
        double imReq = (-imFactor * maxLoss) + perpMm + optMm + colMm + perpIm + optIm + colIm;
        var expiries = _expiries.OrderBy(e => e.Tau)
            .Select(e => new DeriveExpiry(e.Tau, e.Forward, e.Rate, e.Mtm, e.Up, e.Down, e.Positive, e.Negative, e.ForwardLoss)).ToImmutableArray();
        return new DeriveGroupResult(_g.Underlying.Symbol, mtm, [.. pnl], worstReg, worstTail, worstSkew, forward, maxLoss, bindingId,
            (perpMm, perpIm), (optMm, optIm), (colMm, colIm), imFactor, mmReq, imReq, expiries);
    }

    /// <summary>Σ over expiries of <c>min(0, up − V, down − V)·(add + mult·τ)</c>; the split of each expiry's loss over its options goes to <paramref name="attr"/>.</summary>
    private double ForwardContingency(double[] attr)
    {
        if (_expiries.Count == 0)
        {
            return 0;
        }

        double[] up = new double[_g.Count];
        Revalue(_p.Basis.SpotUp, DeriveVolShock.None);
        _pnl.CopyTo(up, 0);
        Revalue(_p.Basis.SpotDown, DeriveVolShock.None);
        double total = 0;
        foreach (ExpiryState e in _expiries)
        {
            double u = 0, d = 0;
            foreach (int j in e.Options)
            {
                u += up[j];
                d += _pnl[j];
            }

            double loss = Math.Min(0, Math.Min(u, d));
            double factor = _p.Basis.AddFactor + (_p.Basis.MultFactor * e.Tau);
            e.ForwardLoss = loss * factor;
            total += e.ForwardLoss;
            if (loss < 0)
            {
                double[] from = u <= d ? up : _pnl;
                foreach (int j in e.Options)
                {
                    attr[j] = from[j] * factor;
                }
            }
        }

        return total;
    }

    /// <summary>The scenario's P&amp;L, with its exact split over the group's positions (block order) in <see cref="_attr"/>.</summary>
    private double Scenario(DeriveScenario sc)
    {
        Revalue(sc.SpotShock, sc.VolShock);
        bool skew = sc.VolShock is DeriveVolShock.Linear or DeriveVolShock.Abs;
        double total = 0;
        foreach (ExpiryState e in _expiries)
        {
            double shocked = e.Mtm;
            foreach (int j in e.Options)
            {
                shocked += _pnl[j];
            }

            double discount = shocked >= 0 ? e.Positive : e.Negative;
            double expiryPnl = 0;
            foreach (int j in e.Options)
            {
                _attr[j] = ((discount * (_value[j] + _pnl[j])) - _value[j]) * sc.Dampening;
                expiryPnl += _attr[j];
            }

            if (skew && expiryPnl > 0)
            {
                foreach (int j in e.Options)
                {
                    _attr[j] = -_attr[j];
                }

                expiryPnl = -expiryPnl;
            }

            total += expiryPnl;
        }

        for (int j = _g.Options; j < _g.Count; j++)
        {
            _attr[j] = (IsCollateral(j) ? _pnl[j] / _stable : _pnl[j]) * sc.Dampening;
            total += _attr[j];
        }

        return total;
    }

    /// <summary>Revalues the group at spot × <paramref name="spotShock"/> with the vols of <paramref name="shock"/> into <see cref="_pnl"/>.</summary>
    private void Revalue(double spotShock, DeriveVolShock shock)
    {
        for (int j = 0; j < _g.Options; j++)
        {
            ExpiryState e = _expiries[_expiryOf[j]];
            double vol = _g.Vol[j];
            _vols[j] = shock switch
            {
                DeriveVolShock.Up => Math.Max(_p.VolShock.MinVolUpShock, vol * e.Up),
                DeriveVolShock.Down => vol * e.Down,
                DeriveVolShock.Linear => vol * _p.Skew.Multiplier(true, _g.Strike[j], e.Forward, e.Tau),
                DeriveVolShock.Abs => vol * _p.Skew.Multiplier(false, _g.Strike[j], e.Forward, e.Tau),
                _ => vol,
            };
        }

        _g.RevalueWithVols(spotShock - 1, _vols.AsSpan(0, _g.Options), _pnl, _scratch);
    }

    private (double Mm, double Im) PerpContingency(double[] mm, double[] im)
    {
        double totalMm = 0, totalIm = 0;
        for (int j = _g.Options; j < _g.Count; j++)
        {
            if (IsCollateral(j))
            {
                continue;
            }

            int i = _g.Positions[j];
            double notional = Math.Abs(_book.Quantity[i] * _book.Multiplier[i]) * _spotInReport;
            mm[j] += notional * _p.Contingency.PerpMaintenance;
            im[j] += notional * _p.Contingency.PerpInitialAddOn;
            totalMm += notional * _p.Contingency.PerpMaintenance;
            totalIm += notional * _p.Contingency.PerpInitialAddOn;
        }

        return (totalMm, totalIm);
    }

    /// <summary>Naked shorts per expiry and strike: <c>max(0, −(calls + puts))</c> in units, split over the short legs there.</summary>
    private (double Mm, double Im) OptionContingency(double[] mm, double[] im)
    {
        double totalMm = 0, totalIm = 0;
        var groups = new Dictionary<(int Expiry, double Strike), List<int>>();
        for (int j = 0; j < _g.Options; j++)
        {
            var key = (_expiryOf[j], _g.Strike[j]);
            if (!groups.TryGetValue(key, out List<int>? legs))
            {
                groups.Add(key, legs = []);
            }

            legs.Add(j);
        }

        foreach (List<int> legs in groups.Values)
        {
            double net = 0, shorts = 0;
            foreach (int j in legs)
            {
                int i = _g.Positions[j];
                double units = _book.Quantity[i] * _book.Multiplier[i];
                net += units;
                shorts += Math.Min(units, 0);
            }

            double naked = Math.Max(0, -net);
            if (naked == 0)
            {
                continue;
            }

            foreach (int j in legs)
            {
                int i = _g.Positions[j];
                double share = Math.Min(_book.Quantity[i] * _book.Multiplier[i], 0) / shorts;
                mm[j] += naked * share * _spotInReport * _p.Contingency.OptionMaintenance;
                im[j] += naked * share * _spotInReport * _p.Contingency.OptionInitialAddOn;
            }

            totalMm += naked * _spotInReport * _p.Contingency.OptionMaintenance;
            totalIm += naked * _spotInReport * _p.Contingency.OptionInitialAddOn;
        }

        return (totalMm, totalIm);
    }

    private (double Mm, double Im) CollateralContingency(double[] mm, double[] im)
    {
        double totalMm = 0, totalIm = 0;
        for (int j = _g.Options; j < _g.Count; j++)
        {
            if (IsCollateral(j))
            {
                double value = Math.Abs(_value[j]);
                mm[j] += value * _p.Contingency.BaseMaintenanceHaircut;
                im[j] += value * _p.Contingency.BaseInitialAddOnHaircut;
                totalMm += value * _p.Contingency.BaseMaintenanceHaircut;
                totalIm += value * _p.Contingency.BaseInitialAddOnHaircut;
            }
        }

        return (totalMm, totalIm);
    }
}
