using System.Collections.Immutable;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;
using PortfolioMargin.Revaluation;
using PortfolioMargin.Scenarios;
using Ids = PortfolioMargin.Scenarios.ScenarioIds;

namespace PortfolioMargin.Models.Okx;

/// <summary>
/// OKX MR1–MR9 for the positions of one risk unit, by the shared kernel (<see cref="RiskGroup"/>): MR1 spot and
/// absolute vol shocks, MR2 time value, MR6 extreme moves; MR4 and MR7 from delta notionals (MR9 is computed across units by the model). One instance per call.
/// </summary>
internal sealed class OkxUnitCalculator
{
    private readonly ResolvedPortfolio _book;
    private readonly OkxParameters _p;
    private readonly OkxUnitParameters _u;
    private readonly RiskGroup _g;
    private readonly double[] _vols, _scratch, _pnl, _deltaNotional;

    public OkxUnitCalculator(ResolvedPortfolio book, int underlying, OkxParameters parameters)
    {
        _book = book;
        _p = parameters;
        _g = new RiskGroup(book, underlying);
        Underlying u = book.Underlyings[underlying];
        _u = parameters.For(u.Symbol);
        double spot = book.UnderlyingSpot[underlying];
        if (double.IsNaN(spot))
        {
            throw new MissingMarketDataException(u.Symbol, $"spot (index) price of underlying '{u.Symbol}' (OKX's delta notionals need it)");
        }

        double spotInReport = spot * book.Market.FxToReport(u.QuoteCurrency, u.Symbol);
        _vols = new double[Math.Max(_g.Options, 1)];
        _scratch = new double[Math.Max(4 * _g.Options, 1)];
        _pnl = new double[_g.Count];
        _deltaNotional = [.. _g.Positions.Select(i => PortfolioValuation.DeltaAndValue(book, i).Delta * spotInReport)];
    }

    public OkxUnitResult Compute(Span<double> mmShare, Span<double> imShare)
    {
        int n = _g.Count;
        var ids = ImmutableArray.CreateBuilder<string>();
        var mr1Pnl = ImmutableArray.CreateBuilder<double>();
        (double mr1, string? mr1Id, double[] mr1Loss) = (0.0, null, new double[n]);
        foreach (double move in _u.SpotShocks)
        {
            for (int leg = -1; leg <= 1; leg++)
            {
                double total = Revalue(move, leg);
                string id = $"MR1{Ids.Move(move)}_{(leg < 0 ? "VD" : leg == 0 ? "V0" : "VU")}";
                ids.Add(id);
                mr1Pnl.Add(total);
                if (-total >= mr1 && total < 0)
                {
                    (mr1, mr1Id) = (-total, id);
                    Negate(_pnl, mr1Loss);
                }
            }
        }

        (double mr6Pnl, string? mr6Id, double[] mr6Loss) = (0.0, null, new double[n]);
        foreach (double move in new[] { -_u.ExtremeMove, _u.ExtremeMove })
        {
            double total = Revalue(move, 1);
            if (total < mr6Pnl)
            {
                (mr6Pnl, mr6Id) = (total, $"MR6{Ids.Move(move)}_VU");
                Negate(_pnl, mr6Loss);
            }
        }

        double mr6 = -mr6Pnl * _u.ExtremeFactor;
        double[] mr2Loss = new double[n];
        double mr2 = Math.Max(0, -Theta(mr2Loss));
        return Finish(ids.ToImmutable(), mr1Pnl.ToImmutable(), (mr1, mr1Id, mr1Loss), (mr2, mr2Loss), (mr6, mr6Pnl, mr6Id, mr6Loss), mmShare, imShare);
    }

    private OkxUnitResult Finish(ImmutableArray<string> ids, ImmutableArray<double> mr1Pnl, (double V, string? Id, double[] Loss) mr1, (double V, double[] Loss) mr2,
        (double V, double Pnl, string? Id, double[] Loss) mr6, Span<double> mmShare, Span<double> imShare)
    {
        int n = _g.Count;
        double[] mr4Share = new double[n], mr7Share = new double[n];
        double mr4 = Basis(mr4Share);
        double mr7Raw = 0;
        for (int j = 0; j < n; j++)
        {
            mr7Share[j] = Math.Abs(_deltaNotional[j]) * _u.MinimumChargeRate;
            mr7Raw += mr7Share[j];
        }

        double mr7 = _u.ScaleMinimumCharge(mr7Raw);
        double scanned = Math.Max(Math.Max(mr1.V, mr2.V), mr6.V);
        double mmr = OkxParameters.MaintenanceOf(mr1.V, mr2.V, 0, mr4, 0, mr6.V, mr7, 0);
        bool minimum = mr7 > scanned + mr4;
        (double[] scanLoss, double scan, string? binding) = mr1.V >= mr6.V && mr1.V >= mr2.V ? (mr1.Loss, mr1.V, mr1.Id)
            : mr6.V >= mr2.V ? (mr6.Loss, mr6.V, mr6.Id) : (mr2.Loss, mr2.V, "MR2");
        var share = new double[_book.Count];
        int[] rows = _g.Positions;
        if (minimum)
        {
            ContributionShares.Add(mr7, rows, mr7Share, share);
            binding = "MR7";
        }
        else
        {
            double[] scaled = mr6.V > mr1.V && mr6.V >= mr2.V ? [.. scanLoss.Select(x => x * _u.ExtremeFactor)] : scanLoss;
            ContributionShares.Add(scan, rows, scaled, share);
            for (int j = 0; j < n; j++)
            {
                share[rows[j]] += mr4Share[j];
            }
        }

        foreach (int i in rows)
        {
            mmShare[i] += share[i];
            imShare[i] += share[i] * _p.InitialToMaintenance;
        }

        return new OkxUnitResult(_g.Underlying.Symbol, mr1Pnl, ids, mr1.V, mr2.V, 0, mr4, 0, mr6.V, mr6.Pnl, mr7Raw, mr7, 0, mmr, mmr * _p.InitialToMaintenance,
            mmr == 0 ? null : binding);
    }

    private static void Negate(double[] from, double[] to)
    {
        for (int j = 0; j < from.Length; j++)
        {
            to[j] = -from[j];
        }
    }

    /// <summary>Revalues at <paramref name="move"/> with vol leg −1 (down), 0 (same), +1 (up); returns the total P&amp;L (per position in <see cref="_pnl"/>).</summary>
    private double Revalue(double move, int leg)
    {
        for (int j = 0; j < _g.Options; j++)
        {
            OkxVolShockRow row = _u.VolShockFor(_g.Time[j] * _g.DaysPerYear);
            _vols[j] = _g.Vol[j] + (leg < 0 ? -row.DownPoints : leg > 0 ? row.UpPoints : 0);
        }

        _g.RevalueWithVols(move, _vols.AsSpan(0, _g.Options), _pnl, _scratch);
        return _pnl.Sum();
    }

    /// <summary>P&amp;L after <see cref="OkxUnitParameters.ThetaDays"/> at unchanged spot and vols; per-position losses to <paramref name="loss"/>.</summary>
    private double Theta(double[] loss)
    {
        if (_u.ThetaDays == 0 || _g.Options == 0)
        {
            return 0;
        }

        var scenario = Scenario.Uniform("MR2", "time value", UnderlyingShock.None, 1.0, _u.ThetaDays);
        _g.Revalue(scenario, _pnl, _scratch);
        Negate(_pnl, loss);
        return _pnl.Sum();
    }

    /// <summary>MR4: per expiry bucket |net delta notional| × rate; spot and perpetuals share the 0 bucket. Shares by notional.</summary>
    private double Basis(double[] share)
    {
        var buckets = new Dictionary<double, List<int>>();
        for (int j = 0; j < _g.Count; j++)
        {
            double t = _book.Time[_g.Positions[j]];
            if (!buckets.TryGetValue(t, out List<int>? list))
            {
                buckets.Add(t, list = []);
            }

            list.Add(j);
        }

        double total = 0;
        foreach ((double t, List<int> legs) in buckets)
        {
            double net = legs.Sum(j => _deltaNotional[j]);
            double charge = Math.Abs(net) * _u.BasisRate(t);
            total += charge;
            ContributionShares.Add(charge, [.. legs], [.. legs.Select(j => _deltaNotional[j] * Math.Sign(net))], share);
        }

        return total;
    }
}
