using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;

namespace PortfolioMargin.Models;

/// <summary>
/// Hedged volume between the stablecoin-quoted delta notionals of one base asset (USDT, USD, USDC), as OKX (MR9) and
/// Bybit (USDT-USDC spread contingency) describe it: cash delta per quote currency, then the pairs USDT-USD, USDT-USDC,
/// USDC-USD in that order, each hedging <c>min(|a|, |b|)</c> of opposite-signed deltas and consuming them.
/// </summary>
internal static class StablecoinHedges
{
    /// <summary>Per base asset (code) the hedged volume (report currency) and the positions whose deltas entered it with their |delta notional|.</summary>
    public static IEnumerable<(string Base, double Volume, int[] Rows, double[] Weights)> Of(ResolvedPortfolio p, params string[] pairsOrder)
    {
        foreach (IGrouping<string, int> byBase in Enumerable.Range(0, p.Count).GroupBy(i => p.Portfolio[i].Instrument.Underlying.BaseCurrency.Code, StringComparer.Ordinal))
        {
            Dictionary<string, double> cash = new(StringComparer.Ordinal) { ["USDT"] = 0, ["USD"] = 0, ["USDC"] = 0 };
            var rows = new List<int>();
            var weights = new List<double>();
            foreach (int i in byBase)
            {
                var u = p.Portfolio[i].Instrument.Underlying;
                if (cash.ContainsKey(u.QuoteCurrency.Code))
                {
                    double notional = PortfolioValuation.DeltaAndValue(p, i).Delta * p.UnderlyingSpot[p.UnderlyingIndex[i]] * p.Market.FxToReport(u.QuoteCurrency, u.Symbol);
                    cash[u.QuoteCurrency.Code] += notional;
                    rows.Add(i);
                    weights.Add(Math.Abs(notional));
                }
            }

            double volume = 0;
            for (int k = 0; k + 1 < pairsOrder.Length; k += 2)
            {
                string a = pairsOrder[k], b = pairsOrder[k + 1];
                if (cash[a] * cash[b] < 0)
                {
                    double hedge = Math.Min(Math.Abs(cash[a]), Math.Abs(cash[b]));
                    volume += hedge;
                    cash[a] -= Math.Sign(cash[a]) * hedge;
                    cash[b] -= Math.Sign(cash[b]) * hedge;
                }
            }

            if (volume > 0)
            {
                yield return (byBase.Key, volume, [.. rows], [.. weights]);
            }
        }
    }
}
