using System.Collections.Immutable;
using PortfolioMargin.Instruments;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>
/// The exchange's SPAN risk-parameter file as a margin model: positions of a <c>Portfolio</c> map to the file's contracts
/// through a <see cref="SpanInstrumentMap"/>, and the requirement is computed from the file's own risk arrays and rules
/// (span-xml.md §3) — no revaluation. Implements the standalone and what-if capabilities, so the efficiency report,
/// accounts, batches, pre-trade checks and stress tests work on an exchange file as on any model. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// <para>Per combined commodity the result carries the 16 scenario losses, scan risk and binding scenario (with ties), each
/// intra-commodity spread, the spot charge, the short option minimum per tier, inter-commodity credits and the net option
/// value — in the common breakdown tree, and in full in <see cref="CalculateDetailed"/>. Amounts in a combined commodity's
/// currency are converted to the snapshot's report currency at its explicit rate (a missing rate is an error naming the
/// combined commodity).</para>
/// <para>The market snapshot is needed to resolve positions (and by accounts to value them): the file's own prices make
/// one, <see cref="SpanInstrumentMap.Market"/>. The margin itself does not depend on it, beyond currency conversion.</para>
/// </remarks>
public sealed class SpanFileModel : IStandaloneMarginModel, IWhatIfMarginModel
{
    private readonly SpanRateIds _rates;

    /// <summary>Creates the model.</summary>
    /// <param name="file">The SPAN file.</param>
    /// <param name="parameters">Which rates apply and how NOV and SOM are treated; null = <see cref="SpanFileParameters.Default"/> (rates follow the file).</param>
    /// <param name="map">Instrument mapping; null = <see cref="SpanInstrumentMap.FromFile"/> (an instrument for every contract).</param>
    /// <exception cref="ArgumentException">The map is for another file, or the requested rates are not in the file (the message lists what it defines).</exception>
    public SpanFileModel(SpanRiskParameters file, SpanFileParameters? parameters = null, SpanInstrumentMap? map = null)
    {
        File = Guard.NotNull(file);
        Parameters = parameters ?? SpanFileParameters.Default;
        Map = map ?? SpanInstrumentMap.FromFile(file);
        if (!ReferenceEquals(Map.File, file))
        {
            Guard.ThrowArgument("The instrument map was built for another SPAN file than the model's.", nameof(map));
        }

        _rates = SpanRateIds.Of(file, Parameters);
        Name = $"SPAN file {file.ClearingOrganization} {file.BusinessDate}";
    }

    /// <summary>The SPAN file.</summary>
    public SpanRiskParameters File { get; }

    /// <summary>The parameters.</summary>
    public SpanFileParameters Parameters { get; }

    /// <summary>The instrument mapping.</summary>
    public SpanInstrumentMap Map { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The rate ids in use (base, maintenance, initial) and how they were chosen.</summary>
    public string Rates => _rates.Source;

    /// <summary>The rate ids in use.</summary>
    internal SpanRateIds RateIds => _rates;

    /// <inheritdoc />
    /// <exception cref="SpanUnmatchedPositionsException">One or more positions map to no contract (all are named).</exception>
    /// <exception cref="NotSupportedException">A spread uses a charge method or feature the library does not implement (the spread is named).</exception>
    /// <exception cref="InvalidOperationException">The file's rules cannot be applied (missing rate, adjRate chain, price for NOV, period outside every scan tier).</exception>
    public MarginResult Calculate(ResolvedPortfolio portfolio) => CalculateDetailed(portfolio).Result;

    /// <summary>Margins the portfolio and returns every figure of the file's method with the common result.</summary>
    /// <exception cref="SpanUnmatchedPositionsException">One or more positions map to no contract (all are named).</exception>
    public SpanFileResult CalculateDetailed(ResolvedPortfolio portfolio)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        SpanEntry[] entries = Entries(portfolio);
        return Result(portfolio, SpanComputation.Compute(File, Parameters, _rates, entries, contributions: true));
    }

    /// <inheritdoc />
    public (MarginResult Portfolio, ImmutableArray<double> StandaloneInitial) CalculateWithStandalone(ResolvedPortfolio portfolio)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        SpanEntry[] entries = Entries(portfolio);
        SpanFileResult all = Result(portfolio, SpanComputation.Compute(File, Parameters, _rates, entries, contributions: true));
        var standalone = ImmutableArray.CreateBuilder<double>(entries.Length);
        foreach (SpanEntry e in entries)
        {
            SpanComputed alone = SpanComputation.Compute(File, Parameters, _rates, [e], contributions: false);
            standalone.Add(Totals(alone, portfolio).Initial);
        }

        return (all.Result, standalone.MoveToImmutable());
    }

    /// <summary>The incremental what-if calculator (<see cref="SpanWhatIf"/>) for <paramref name="book"/>.</summary>
    /// <param name="book">The book, resolved against the snapshot orders will be valued on.</param>
    /// <returns>The calculator.</returns>
    public SpanWhatIf CreateWhatIf(ResolvedPortfolio book) => new(this, book);

    /// <inheritdoc />
    IWhatIfCalculator IWhatIfMarginModel.CreateWhatIf(ResolvedPortfolio book) => CreateWhatIf(book);

    /// <summary>Every position as a contract and a quantity in file units, in portfolio order.</summary>
    /// <exception cref="SpanUnmatchedPositionsException">Positions that map to no usable contract (all are named).</exception>
    internal SpanEntry[] Entries(ResolvedPortfolio portfolio)
    {
        var entries = new SpanEntry[portfolio.Count];
        List<string>? errors = null;
        for (int i = 0; i < portfolio.Count; i++)
        {
            Position p = portfolio.Portfolio[i];
            if (Entry(p, i, out entries[i]) is { } why)
            {
                (errors ??= []).Add($"#{i} '{p}': {why}");
            }
        }

        return errors is null ? entries : throw new SpanUnmatchedPositionsException(errors);
    }

    /// <summary>The entry of one position, or why it has none.</summary>
    internal string? Entry(Position p, int index, out SpanEntry entry)
    {
        entry = default;
        if (!Map.TryResolve(p.Instrument, out int c, out double lot))
        {
            return "the instrument is not mapped to a contract of the file";
        }

        SpanContract contract = File.GetContract(c);
        if (contract.CombinedCommodity is null)
        {
            return $"product family {contract.ProductFamily.Code} is linked to no combined commodity";
        }

        if (contract.RiskArrayCount == 0)
        {
            return $"contract {contract} has no risk array";
        }

        entry = new SpanEntry(c, p.Quantity * lot, p.ToString(), index);
        return null;
    }

    /// <summary>The detailed result of a computation on <paramref name="portfolio"/>'s snapshot.</summary>
    internal SpanFileResult Result(ResolvedPortfolio portfolio, SpanComputed computed)
    {
        double[] toReport = ToReport(computed, portfolio.Market);
        var notes = new List<MarginDiagnostic>(2);
        if (File.PerformanceBondRates.IsEmpty && Parameters.InitialRateId is null)
        {
            notes.Add(new MarginDiagnostic("SPAN_RATES", _rates.Source));
        }

        if (portfolio.Count == 0)
        {
            notes.Add(MarginDiagnostic.EmptyPortfolio(Name));
        }

        MarginResult result = SpanResultTree.Build(Name, portfolio.Market.ReportCurrency, computed, toReport, File, notes);
        return new SpanFileResult
        {
            Result = result,
            CombinedCommodities = computed.CombinedCommodities,
            ToReport = [.. toReport],
            InterSpreads = computed.InterSpreads,
            Contributions = computed.Contributions,
            Rates = _rates.Source,
        };
    }

    /// <summary>Total maintenance and initial margin of a computation in the report currency.</summary>
    internal (double Maintenance, double Initial) Totals(SpanComputed computed, ResolvedPortfolio portfolio)
    {
        double[] x = ToReport(computed, portfolio.Market);
        double m = 0, i = 0;
        for (int k = 0; k < x.Length; k++)
        {
            m += x[k] * computed.CombinedCommodities[k].MaintenanceMargin;
            i += x[k] * computed.CombinedCommodities[k].InitialMargin;
        }

        return (m, i);
    }

    /// <summary>Report-currency value of one unit of each combined commodity's currency.</summary>
    internal double[] ToReport(SpanComputed computed, MarketData.MarketSnapshot market)
    {
        var x = new double[computed.CombinedCommodities.Length];
        for (int k = 0; k < x.Length; k++)
        {
            SpanCombinedCommodity def = File.FindCombinedCommodity(computed.CombinedCommodities[k].Code)!;
            Currency currency = SpanCurrencies.Of(def);
            x[k] = currency == market.ReportCurrency ? 1.0 : market.FxToReport(currency, $"combined commodity {def.Code}");
        }

        return x;
    }
}
