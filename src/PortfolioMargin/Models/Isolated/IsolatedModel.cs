using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.Instruments;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;

namespace PortfolioMargin.Models.Isolated;

/// <summary>
/// Rates of the isolated model for one product (spec §6.1). Initial margin per position:
/// <list type="bullet">
/// <item>linear futures, perpetuals and spot: <c>LinearRate · |q| · m · price</c> (quote currency);</item>
/// <item>inverse futures and perpetuals: <c>LinearRate · |q| · m / price</c> (coin);</item>
/// <item>long option: the premium;</item>
/// <item>short option (Cboe/Deribit style): <c>premium + max(ShortOptionA · N − OTM, ShortOptionB · N)</c> with
/// <c>N = |q| · m · F</c> the underlying notional and <c>OTM = |q| · m · max(0, ω(K − F))</c> (inverse options: divided by F
/// into coin).</item>
/// </list>
/// Maintenance margin is <c>MaintenanceFraction × IM</c>.
/// </summary>
/// <param name="LinearRate">Rate on linear and inverse delta-one notional; ≥ 0.</param>
/// <param name="ShortOptionA">Short option rate <c>a</c> (before the OTM reduction); ≥ 0.</param>
/// <param name="ShortOptionB">Short option floor rate <c>b</c>; ≥ 0.</param>
/// <param name="MaintenanceFraction">MM / IM, in (0, 1].</param>
public sealed record IsolatedRates(double LinearRate, double ShortOptionA, double ShortOptionB, double MaintenanceFraction)
{
    /// <summary>Illustrative crypto defaults: 10 % on delta-one notional, short options 15 %/10 %, MM = 50 % of IM.</summary>
    public static IsolatedRates CryptoDefault { get; } = new(0.10, 0.15, 0.10, 0.5);

    internal void Validate(string where)
    {
        Guard.NonNegative(LinearRate, $"{where}: linear rate");
        Guard.NonNegative(ShortOptionA, $"{where}: short option rate a");
        Guard.NonNegative(ShortOptionB, $"{where}: short option rate b");
        if (!(MaintenanceFraction > 0 && MaintenanceFraction <= 1))
        {
            Guard.ThrowArgument($"{where}: maintenance fraction must be in (0, 1], got {Guard.Format(MaintenanceFraction)}.", nameof(MaintenanceFraction));
        }
    }
}

/// <summary>
/// Isolated margin: every position on its own with the rate rules of <see cref="IsolatedRates"/>. Rates are looked up
/// by instrument name, then by underlying symbol, then the default. Amounts are converted to the report currency with
/// the snapshot's explicit rates. Stateless and thread-safe.
/// </summary>
public sealed class IsolatedModel : IStandaloneMarginModel
{
    private readonly ImmutableSortedDictionary<string, IsolatedRates> _overrides;

    /// <summary>Creates the model.</summary>
    /// <param name="defaultRates">Rates for products without an override.</param>
    /// <param name="overrides">Rates by instrument name or underlying symbol (instrument name wins).</param>
    /// <exception cref="ArgumentException">A rate is negative or not finite, or a maintenance fraction is outside (0, 1].</exception>
    public IsolatedModel(IsolatedRates? defaultRates = null, IReadOnlyDictionary<string, IsolatedRates>? overrides = null)
    {
        DefaultRates = defaultRates ?? IsolatedRates.CryptoDefault;
        DefaultRates.Validate("Isolated default rates");
        _overrides = (overrides ?? ImmutableDictionary<string, IsolatedRates>.Empty).ToImmutableSortedDictionary(StringComparer.Ordinal);
        foreach (var kv in _overrides)
        {
            Guard.NotNull(kv.Value).Validate($"Isolated rates for '{kv.Key}'");
        }
    }

    /// <summary>Rates for products without an override.</summary>
    public IsolatedRates DefaultRates { get; }

    /// <summary>The overrides by instrument name or underlying symbol (for writing the model's rates to a file).</summary>
    internal ImmutableSortedDictionary<string, IsolatedRates> Overrides => _overrides;

    /// <inheritdoc />
    public string Name => "Isolated";

    /// <summary>The rates applied to an instrument.</summary>
    public IsolatedRates RatesFor(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return _overrides.TryGetValue(instrument.Name, out IsolatedRates? r) ? r
            : _overrides.TryGetValue(instrument.Underlying.Symbol, out r) ? r
            : DefaultRates;
    }

    /// <inheritdoc />
    public MarginResult Calculate(ResolvedPortfolio portfolio)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        var contributions = ImmutableArray.CreateBuilder<PositionContribution>(portfolio.Count);
        var byGroup = new Dictionary<string, (double Mm, double Im, List<MarginNode> Leaves)>(StringComparer.Ordinal);
        var order = new List<string>();
        double totalIm = 0, totalMm = 0;
        for (int i = 0; i < portfolio.Count; i++)
        {
            Position position = portfolio.Portfolio[i];
            IsolatedRates rates = RatesFor(position.Instrument);
            (double im, string note) = InitialMargin(portfolio, i, rates);
            double mm = im * rates.MaintenanceFraction;
            string group = position.Instrument.Underlying.Symbol;
            contributions.Add(new PositionContribution(i, position.ToString(), group, mm, im));
            if (!byGroup.TryGetValue(group, out var g))
            {
                order.Add(group);
                g = (0, 0, []);
            }

            g.Leaves.Add(MarginNode.Leaf(position.ToString(), mm, im, note));
            byGroup[group] = (g.Mm + mm, g.Im + im, g.Leaves);
            totalIm += im;
            totalMm += mm;
        }

        var groups = order.Select(g => new MarginNode(g, byGroup[g].Mm, byGroup[g].Im, [.. byGroup[g].Leaves])).ToImmutableArray();
        var root = new MarginNode("Isolated total", totalMm, totalIm, groups, "sum of per-position requirements");
        return new MarginResult(Name, portfolio.Market.ReportCurrency, totalIm, totalMm, root, contributions.MoveToImmutable(), [],
            portfolio.Count == 0 ? [MarginDiagnostic.EmptyPortfolio(Name)] : []);
    }

    /// <inheritdoc />
    public (MarginResult Portfolio, ImmutableArray<double> StandaloneInitial) CalculateWithStandalone(ResolvedPortfolio portfolio)
    {
        MarginResult result = Calculate(portfolio);
        return (result, [.. result.Contributions.Select(c => c.Initial)]);
    }

    private static (double Im, string Note) InitialMargin(ResolvedPortfolio p, int i, IsolatedRates rates)
    {
        double qm = Math.Abs(p.Quantity[i] * p.Multiplier[i]);
        double price = p.Price[i], fx = p.SettlementToReport[i];
        switch (p.Kind[i])
        {
            case InstrumentKind.InverseFuture or InstrumentKind.InversePerpetual:
                return (rates.LinearRate * qm / price * fx, Note($"{rates.LinearRate:P2} x |q|m/F = {rates.LinearRate * qm / price:G6} coin"));
            case InstrumentKind.LinearOption or InstrumentKind.InverseOption:
                var right = p.Omega[i] > 0 ? OptionRight.Call : OptionRight.Put;
                double premium = qm * Black76.Price(right, price, p.Strike[i], p.Time[i], p.Rate[i], p.Vol[i]);
                double inverse = p.Kind[i] == InstrumentKind.InverseOption ? price : 1.0;
                if (p.Quantity[i] >= 0)
                {
                    return (premium / inverse * fx, "long option: premium");
                }

                double notional = qm * price;
                double otm = qm * Math.Max(0, p.Omega[i] * (p.Strike[i] - price));
                double add = Math.Max((rates.ShortOptionA * notional) - otm, rates.ShortOptionB * notional);
                return ((premium + add) / inverse * fx,
                    Note($"short option: premium {premium:G6} + max({rates.ShortOptionA:P1} x {notional:G6} - OTM {otm:G6}, {rates.ShortOptionB:P1} x {notional:G6})"));
            default:
                return (rates.LinearRate * qm * price * fx, Note($"{rates.LinearRate:P2} x |q|m x {price:G6}"));
        }
    }

    private static string Note(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

