using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Models.Okx;

/// <summary>
/// OKX portfolio margin (risk units after the January 2025 merge): per underlying
/// <c>MMR = max(max(MR1, MR2, MR6) + MR3 + MR4 + MR5, MR7)</c> with MR1 the worst spot-and-vol shock, MR2 time value,
/// MR6 half the worst extreme move, MR4 basis and MR7 the tiered minimum charge; MR9 (stablecoin depeg) on the hedged
/// volume between USDT-, USD- and USDC-quoted deltas of one base asset; <c>IMR = 1.3 × MMR</c>. MR3, MR5 and MR8
/// (borrowing) are not modelled. Stateless and thread-safe. See <c>docs/venues/okx.md</c>.
/// </summary>
public sealed class OkxModel : IMarginModel
{
    /// <summary>Creates the model.</summary>
    /// <param name="parameters">Parameter set (<see cref="OkxParameters.Default"/>).</param>
    public OkxModel(OkxParameters parameters)
    {
        Parameters = Guard.NotNull(parameters);
        Name = $"OKX PM ({parameters.Version})";
    }

    /// <summary>The model with <see cref="OkxParameters.Default"/>.</summary>
    public static OkxModel Default { get; } = new(OkxParameters.Default);

    /// <summary>The parameter set.</summary>
    public OkxParameters Parameters { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public MarginResult Calculate(ResolvedPortfolio portfolio) => CalculateDetailed(portfolio).Result;

    /// <summary>Margins the portfolio and returns MR1–MR9 per risk unit with the common result.</summary>
    /// <param name="portfolio">The resolved book.</param>
    /// <returns>The result (report currency).</returns>
    /// <exception cref="KeyNotFoundException">An underlying has no risk-unit parameters.</exception>
    /// <exception cref="MarketData.MissingMarketDataException">An underlying has no spot.</exception>
    public OkxResult CalculateDetailed(ResolvedPortfolio portfolio)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        var mm = new double[portfolio.Count];
        var im = new double[portfolio.Count];
        var units = ImmutableArray.CreateBuilder<OkxUnitResult>(portfolio.Underlyings.Length);
        for (int u = 0; u < portfolio.Underlyings.Length; u++)
        {
            units.Add(new OkxUnitCalculator(portfolio, u, Parameters).Compute(mm, im));
        }

        ImmutableArray<(string Base, double Mr9)> mr9 = Stablecoin(portfolio, mm, im);
        ImmutableArray<OkxUnitResult> result = units.MoveToImmutable();
        return new OkxResult(Build(portfolio, result, mr9, mm, im), result);
    }

    /// <summary>MR9 per base asset: hedged volume USDT-USD, USDT-USDC, USDC-USD (each min(|a|, |b|) of opposite cash deltas, consumed in order) × rate.</summary>
    private ImmutableArray<(string Base, double Mr9)> Stablecoin(ResolvedPortfolio p, double[] mm, double[] im)
    {
        var result = ImmutableArray.CreateBuilder<(string, double)>();
        foreach ((string b, double volume, int[] rows, double[] weights) in StablecoinHedges.Of(p, "USDT", "USD", "USDT", "USDC", "USDC", "USD"))
        {
            double charge = volume * Parameters.StablecoinRate;
            var share = new double[p.Count];
            ContributionShares.Add(charge, rows, weights, share);
            foreach (int i in rows)
            {
                mm[i] += share[i];
                im[i] += share[i] * Parameters.InitialToMaintenance;
            }

            result.Add((b, charge));
        }

        return result.ToImmutable();
    }

    private MarginResult Build(ResolvedPortfolio portfolio, ImmutableArray<OkxUnitResult> units, ImmutableArray<(string Base, double Mr9)> mr9, double[] mm, double[] im)
    {
        double ratio = Parameters.InitialToMaintenance, totalMm = 0, totalIm = 0;
        var nodes = ImmutableArray.CreateBuilder<MarginNode>();
        var binding = ImmutableArray.CreateBuilder<BindingScenario>();
        foreach (OkxUnitResult u in units)
        {
            totalMm += u.Mmr;
            totalIm += u.Imr;
            nodes.Add(UnitNode(u, ratio));
            if (u.Binding is { } id)
            {
                binding.Add(new BindingScenario(u.Group, id, id.StartsWith("MR1", StringComparison.Ordinal) ? $"MR1 spot/vol shock {id[3..]}"
                    : id.StartsWith("MR6", StringComparison.Ordinal) ? $"MR6 extreme move {id[3..]}" : id == "MR2" ? "MR2 time value" : "MR7 minimum charge", u.Mmr, []));
            }
        }

        foreach ((string b, double v) in mr9)
        {
            totalMm += v;
            totalIm += v * ratio;
            nodes.Add(MarginNode.Leaf($"MR9 stablecoin ({b})", v, v * ratio, "hedged USDT/USD/USDC delta volume x tier-1 rate"));
        }

        var contributions = ImmutableArray.CreateBuilder<PositionContribution>(portfolio.Count);
        for (int i = 0; i < portfolio.Count; i++)
        {
            contributions.Add(new PositionContribution(i, portfolio.Portfolio[i].ToString(), portfolio.Portfolio[i].Instrument.Underlying.Symbol, mm[i], im[i]));
        }

        var root = new MarginNode("OKX PM", totalMm, totalIm, nodes.ToImmutable(), string.Create(CultureInfo.InvariantCulture, $"derivatives MMR = sum over risk units; IMR = {ratio:R} x MMR; MR8 (borrowing) not included"));
        return new MarginResult(Name, portfolio.Market.ReportCurrency, totalIm, totalMm, root, contributions.MoveToImmutable(), binding.ToImmutable(), []);
    }

    private static MarginNode UnitNode(OkxUnitResult u, double ratio)
    {
        double scanned = Math.Max(Math.Max(u.Mr1, u.Mr2), u.Mr6);
        bool minimum = u.Binding == "MR7";
        string which = u.Mr1 >= u.Mr6 && u.Mr1 >= u.Mr2 ? "MR1" : u.Mr6 >= u.Mr2 ? "MR6" : "MR2";
        double s = minimum ? 0 : 1;
        var children = ImmutableArray.Create(
            MarginNode.Leaf($"{u.Group}/max(MR1, MR2, MR6)", s * scanned, s * scanned * ratio,
                string.Create(CultureInfo.InvariantCulture, $"{which} binds; MR1 {u.Mr1:R}, MR2 {u.Mr2:R}, MR6 {u.Mr6:R} (0.5 x extreme P&L {u.Mr6Pnl:R})")),
            MarginNode.Leaf($"{u.Group}/MR4 basis", s * u.Mr4, s * u.Mr4 * ratio, "per expiry bucket |net delta notional| x max(perp rate, annualised move risk x T)"),
            MarginNode.Leaf($"{u.Group}/MR3, MR5", 0, 0, "not modelled"),
            MarginNode.Leaf($"{u.Group}/MR7 minimum charge", minimum ? u.Mr7 : 0, minimum ? u.Mr7 * ratio : 0,
                string.Create(CultureInfo.InvariantCulture, $"raw {u.Mr7Raw:R}, tiered {u.Mr7:R}; {(minimum ? "binds" : "does not bind")}")));
        return new MarginNode(u.Group, u.Mmr, u.Imr, children, "MMR = max(max(MR1, MR2, MR6) + MR3 + MR4 + MR5, MR7)");
    }
}
