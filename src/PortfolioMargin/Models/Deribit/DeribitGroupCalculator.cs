using System.Collections.Immutable;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;
using PortfolioMargin.Revaluation;
using Ids = PortfolioMargin.Scenarios.ScenarioIds;

namespace PortfolioMargin.Models.Deribit;

/// <summary>
/// Deribit PME for the positions of one underlying: the standard risk matrix (2·B+1 price points × vol up/same/down)
/// and the extended table by the shared kernel (<see cref="RiskGroup.RevalueWithVols"/>) with Deribit's per-expiry vol
/// shocks, aggregation with the P&amp;L offset and the extended dampener, the worst case, roll and delta shocks.
/// One instance per call.
/// </summary>
internal sealed class DeribitGroupCalculator
{
    private readonly ResolvedPortfolio _book;
    private readonly DeribitParameters _p;
    private readonly DeribitPairParameters _pair;
    private readonly RiskGroup _g;
    private readonly double _usdToReport, _spot, _quoteFx;
    private readonly double[] _up, _down, _vols, _scratch;

    public DeribitGroupCalculator(ResolvedPortfolio book, int underlying, DeribitParameters parameters)
    {
        _book = book;
        _p = parameters;
        _g = new RiskGroup(book, underlying);
        Underlying u = book.Underlyings[underlying];
        _pair = parameters.For(u.Symbol);
        _spot = book.UnderlyingSpot[underlying];
        if (double.IsNaN(_spot))
        {
            throw new MissingMarketDataException(u.Symbol, $"spot (index) price of underlying '{u.Symbol}' (Deribit's delta shock and dampener need it)");
        }

        _quoteFx = book.Market.FxToReport(u.QuoteCurrency, u.Symbol);
        _usdToReport = _quoteFx;
        int o = _g.Options;
        _up = new double[o];
        _down = new double[o];
        _vols = new double[Math.Max(o, 1)];
        _scratch = new double[Math.Max(4 * o, 1)];
        for (int j = 0; j < o; j++)
        {
            (_up[j], _down[j]) = _pair.VolShocks(_g.Time[j] * _g.DaysPerYear);
        }
    }

    /// <summary>Standard price moves: <c>−PR + k·PR/B</c>, <c>k = 0 … 2B</c>.</summary>
    public static double Move(DeribitPairParameters pair, int buckets, int k) => k == buckets ? 0 : pair.PriceRange * (k - buckets) / buckets;

    /// <summary>Runs the group. Writes each position's risk vectors (portfolio index) and adds its MM/IM shares.</summary>
    public DeribitGroupResult Compute(double[][] standard, double[][] extended, Span<double> mmShare, Span<double> imShare)
    {
        int b = _p.BucketsCount, points = (2 * b) + 1, n = _g.Count;
        var pnl = new double[n];
        var preStd = new double[3 * points];
        var preExt = new double[_pair.ExtendedMoves.Length];
        for (int k = 0; k < points; k++)
        {
            double move = Move(_pair, b, k);
            for (int leg = 0; leg < 3; leg++)
            {
                Revalue(move, leg, pnl);
                int s = (3 * k) + leg;
                for (int j = 0; j < n; j++)
                {
                    standard[_g.Positions[j]][s] = pnl[j];
                    preStd[s] += pnl[j];
                }
            }
        }

        for (int e = 0; e < preExt.Length; e++)
        {
            double move = _pair.ExtendedMoves[e], factor = _pair.ExtendedFactor(move);
            Revalue(move, 0, pnl);
            for (int j = 0; j < n; j++)
            {
                extended[_g.Positions[j]][e] = pnl[j] * factor;
                preExt[e] += pnl[j] * factor;
            }
        }

        return Finish(preStd, preExt, standard, extended, mmShare, imShare);
    }

    private DeribitGroupResult Finish(double[] preStd, double[] preExt, double[][] standard, double[][] extended, Span<double> mmShare, Span<double> imShare)
    {
        double[] std = [.. preStd.Select(Offset)];
        double[] ext = new double[preExt.Length];
        for (int e = 0; e < ext.Length; e++)
        {
            double damp = _pair.Dampener(_pair.ExtendedMoves[e]) * _usdToReport;
            ext[e] = Offset(Math.Sign(preExt[e]) * Math.Max(0, Math.Abs(preExt[e]) - damp));
        }

        (double min, int at, bool inExtended) = (0.0, -1, false);
        for (int s = 0; s < std.Length; s++)
        {
            if (std[s] < min)
            {
                (min, at, inExtended) = (std[s], s, false);
            }
        }

        for (int e = 0; e < ext.Length; e++)
        {
            if (ext[e] < min)
            {
                (min, at, inExtended) = (ext[e], e, true);
            }
        }

        double worst = Math.Round(-min, _p.WorstCaseDecimals, MidpointRounding.AwayFromZero);
        var rows = _g.Positions;
        var shares = new double[_book.Count];
        if (at >= 0)
        {
            double[] weights = [.. rows.Select(i => -(inExtended ? extended[i][at] : standard[i][at]))];
            ContributionShares.Add(worst, rows, weights, shares);
        }

        double roll = RollShock(shares);
        double delta = DeltaShock(shares);
        double rmm = worst + roll + delta;
        foreach (int i in rows)
        {
            mmShare[i] += _p.MaintenanceFactor * shares[i];
            imShare[i] += shares[i];
        }

        string? id = at < 0 ? null : inExtended ? ExtendedId(_pair.ExtendedMoves[at]) : StandardId(_pair, _p.BucketsCount, at);
        return new DeribitGroupResult(_g.Underlying.Symbol, [.. preStd], [.. preExt], [.. std], [.. ext], worst, id, roll, delta, 0, rmm, _p.MaintenanceFactor * rmm, rmm);
    }

    /// <summary>Positive P&amp;L times the offset, capped at <c>max_offsetable_pnl</c> (USD) when the cap is set.</summary>
    private double Offset(double pnl)
    {
        if (pnl <= 0)
        {
            return pnl;
        }

        double offset = pnl * _pair.PnlOffset;
        return _pair.MaxOffsetablePnl > 0 ? Math.Min(offset, _pair.MaxOffsetablePnl * _usdToReport) : offset;
    }

    /// <summary>Leg 0 = vol up, 1 = same, 2 = down.</summary>
    private void Revalue(double move, int leg, double[] pnl)
    {
        for (int j = 0; j < _g.Options; j++)
        {
            double vol = _g.Vol[j];
            _vols[j] = leg switch
            {
                0 => Math.Max(vol * (1 + _up[j]), _pair.MinVolForShockUp),
                2 => Math.Max(vol * (1 - _down[j]), 0),
                _ => vol,
            };
        }

        _g.RevalueWithVols(move, _vols.AsSpan(0, _g.Options), pnl, _scratch);
    }

    /// <summary>Per expiry of the futures and perpetuals: <c>|net notional| · max(min move, exp(amr·T) − 1)</c>; shares by notional.</summary>
    private double RollShock(double[] shares)
    {
        var byExpiry = new Dictionary<double, List<int>>();
        for (int j = _g.Options; j < _g.Count; j++)
        {
            int i = _g.Positions[j];
            if (_book.Kind[i] == InstrumentKind.Spot)
            {
                continue;
            }

            if (!byExpiry.TryGetValue(_book.Time[i], out List<int>? list))
            {
                byExpiry.Add(_book.Time[i], list = []);
            }

            list.Add(j);
        }

        double total = 0;
        foreach ((double t, List<int> legs) in byExpiry)
        {
            double net = 0;
            foreach (int j in legs)
            {
                net += _g.Exposure[j];
            }

            double rate = Math.Max(_pair.MinAnnualisedMove, Math.Exp(_pair.AnnualisedMoveRisk * t) - 1);
            double roll = Math.Abs(net) * rate;
            total += roll;
            int[] idx = [.. legs.Select(j => _g.Positions[j])];
            double[] w = [.. legs.Select(j => _g.Exposure[j] * Math.Sign(net))];
            ContributionShares.Add(roll, idx, w, shares);
        }

        return total;
    }

    /// <summary><c>min(max(|Δ$| − threshold, 0)·|Δ|·m_inc, max_delta_shock·|Δ$|)</c> on the group's net delta; shares by delta.</summary>
    private double DeltaShock(double[] shares)
    {
        int[] rows = _g.Positions;
        double[] deltas = [.. rows.Select(i => PortfolioValuation.DeltaAndValue(_book, i).Delta)];
        double net = deltas.Sum();
        double notional = Math.Abs(net) * _spot * _quoteFx, threshold = _pair.DeltaShockThreshold * _usdToReport;
        double shock = Math.Min(Math.Max(notional - threshold, 0) * Math.Abs(net) * _pair.DeltaShockIncrement, _pair.MaxDeltaShock * notional);
        ContributionShares.Add(shock, rows, [.. deltas.Select(d => d * Math.Sign(net))], shares);
        return shock;
    }

    /// <summary>Id of standard entry <paramref name="s"/>: <c>G{move}_{VU|V0|VD}</c>.</summary>
    public static string StandardId(DeribitPairParameters pair, int buckets, int s) =>
        $"G{Ids.Move(Move(pair, buckets, s / 3))}_{(s % 3) switch { 0 => "VU", 1 => "V0", _ => "VD" }}";

    /// <summary>Id of an extended entry: <c>X{move}_VU</c>.</summary>
    public static string ExtendedId(double move) => $"X{Ids.Move(move)}_VU";
}
