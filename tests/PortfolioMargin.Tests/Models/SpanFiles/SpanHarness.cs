using System.Collections.Immutable;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Models.SpanFiles;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Tests.Models.SpanFiles;

/// <summary>A position written against a SPAN file's contract (by key, ids or contract), for the fixtures' hand-computed cases.</summary>
internal sealed record SpanTestPosition(SpanContractKey? Key, SpanContractId? Id, double Quantity, bool InLots, string Label)
{
    public static SpanTestPosition ByKey(SpanContractKey key, double quantity, bool inLots = false, string? label = null) => new(key, null, quantity, inLots, label ?? key.ToString());

    public static SpanTestPosition ById(SpanContractId id, double quantity, bool inLots = false, string? label = null) => new(null, id, quantity, inLots, label ?? id.ToString());

    public static SpanTestPosition Of(SpanContract contract, double quantity, bool inLots = false, string? label = null) => ById(contract.Id, quantity, inLots, label ?? contract.ToString());
}

/// <summary>The model parameters of a harness run, plus the market's report currency and conversion rates.</summary>
internal sealed record SpanTestOptions
{
    public int RateId { get; init; } = 1;

    public int? MaintenanceRateId { get; init; }

    public int? InitialRateId { get; init; }

    public IReadOnlyDictionary<string, double>? LotSizes { get; init; }

    public bool ApplyNetOptionValue { get; init; } = true;

    public bool FloorAtZero { get; init; } = true;

    public ShortOptionMinimumMethod? SomMethod { get; init; }

    public bool ComputeStandalone { get; init; } = true;

    public Currency? Report { get; init; }

    public IReadOnlyDictionary<Currency, double>? Fx { get; init; }

    public SpanFileParameters Parameters => new()
    {
        RateId = RateId,
        MaintenanceRateId = MaintenanceRateId,
        InitialRateId = InitialRateId,
        ApplyNetOptionValue = ApplyNetOptionValue,
        FloorAtZero = FloorAtZero,
        SomMethod = SomMethod,
    };
}

/// <summary>What a harness run returns: the model's detailed result, and the standalone figures when computed.</summary>
internal sealed class SpanTestResult(SpanFileResult detail, SpanRiskParameters file, string model, ImmutableArray<double> standaloneMaintenance, ImmutableArray<double> standaloneInitial)
{
    public SpanFileResult Detail { get; } = detail;

    public double MaintenanceMargin => Detail.MaintenanceMargin;

    public double InitialMargin => Detail.InitialMargin;

    public ImmutableArray<SpanCombinedCommodityResult> CombinedCommodities => Detail.CombinedCommodities;

    public ImmutableArray<SpanInterSpreadResult> InterSpreads => Detail.InterSpreads;

    public ImmutableArray<SpanPositionContribution> Contributions => Detail.Contributions;

    public ImmutableArray<KeyValuePair<string, double>> Figures => Detail.Figures;

    public ImmutableArray<string> Currencies => Detail.Currencies;

    /// <summary>The file's notes on what it holds but the model does not apply.</summary>
    public ImmutableArray<string> Diagnostics => file.Diagnostics;

    public ImmutableArray<double> StandaloneMaintenanceByPosition { get; } = standaloneMaintenance;

    public ImmutableArray<double> StandaloneInitialByPosition { get; } = standaloneInitial;

    public double StandaloneMaintenance => StandaloneMaintenanceByPosition.IsDefault ? double.NaN : StandaloneMaintenanceByPosition.Sum();

    public double Efficiency => StandaloneMaintenanceByPosition.IsDefault ? double.NaN : StandaloneMaintenance == 0 ? 0 : 1 - (MaintenanceMargin / StandaloneMaintenance);

    public MarginResult ToMarginResult() => Detail.Result;

    public EfficiencyReport ToEfficiencyReport() =>
        StandaloneInitialByPosition.IsDefault
            ? throw new InvalidOperationException("The standalone margins were not computed (SpanTestOptions.ComputeStandalone is false); the efficiency report needs them.")
            : EfficiencyReport.From(model, Detail.Result, StandaloneInitialByPosition);
}

/// <summary>
/// Margins positions written against a file's contracts through the public model API: the file's instrument map
/// (<see cref="SpanInstrumentMap.FromFile"/>), a portfolio of the mapped instruments, the market made of the file's prices
/// (<see cref="SpanInstrumentMap.Market"/>, vol 0.5 where the fixture gives none) and <see cref="SpanFileModel"/>. A position
/// whose key or ids match no contract becomes an unmapped instrument, so the model names it.
/// </summary>
internal static class SpanHarness
{
    private static readonly Underlying Unmapped = new("UNMAPPED", new Currency("XUN"), Currency.Usd);

    public static SpanTestResult Calculate(SpanRiskParameters file, IReadOnlyList<SpanTestPosition> positions, SpanTestOptions? options = null)
    {
        options ??= new SpanTestOptions();
        var map = SpanInstrumentMap.FromFile(file);
        var portfolio = new Portfolio(positions.Select(p => new Position(InstrumentOf(file, map, p, options), Quantity(file, p, options))));
        MarketSnapshot market = map.Market(reportCurrency: options.Report, fxToReport: options.Fx, fallbackVolatility: 0.5).WithSpot(Unmapped, 1).WithRate(Currency.Usd, 0);
        foreach (Position p in portfolio.Positions)
        {
            // The fixtures' options may have no future in their combined commodity: any forward will do (SPAN does not use it).
            if (p.Instrument is EuropeanOption o && !HasForward(market, o))
            {
                market = market.WithForward(o.Underlying, o.ExpiryTime, o.Strike);
            }
        }

        var model = new SpanFileModel(file, options.Parameters, map);
        var book = ResolvedPortfolio.Resolve(portfolio, market);
        SpanFileResult detail = model.CalculateDetailed(book);
        if (!options.ComputeStandalone)
        {
            return new SpanTestResult(detail, file, model.Name, default, default);
        }

        ImmutableArray<double> initial = model.CalculateWithStandalone(book).StandaloneInitial;
        ImmutableArray<double> maintenance = [.. portfolio.Positions.Select(p => model.Calculate(new Portfolio(p), market).MaintenanceMargin)];
        return new SpanTestResult(detail, file, model.Name, maintenance, initial);
    }

    private static bool HasForward(MarketSnapshot market, EuropeanOption o)
    {
        try
        {
            market.Forward(o.Underlying, o.ExpiryTime);
            return true;
        }
        catch (MissingMarketDataException)
        {
            return false;
        }
    }

    private static Instrument InstrumentOf(SpanRiskParameters file, SpanInstrumentMap map, SpanTestPosition p, SpanTestOptions o)
    {
        bool found = p.Id is { } id ? file.TryFindContract(id, out SpanContract c) : file.TryFindContract(p.Key!.Value, out c);
        bool lotKnown = !p.InLots || (o.LotSizes?.TryGetValue(c.ProductFamily.Code, out double lot) == true && lot > 0);
        return found && lotKnown && map.TryGetInstrument(c, out Instrument? mapped) ? mapped : new SpotInstrument(Unmapped, name: p.Label);
    }

    private static double Quantity(SpanRiskParameters file, SpanTestPosition p, SpanTestOptions o)
    {
        if (!p.InLots)
        {
            return p.Quantity;
        }

        bool found = p.Id is { } id ? file.TryFindContract(id, out SpanContract c) : file.TryFindContract(p.Key!.Value, out c);
        return found && o.LotSizes?.TryGetValue(c.ProductFamily.Code, out double lot) == true ? p.Quantity * lot : p.Quantity;
    }
}
