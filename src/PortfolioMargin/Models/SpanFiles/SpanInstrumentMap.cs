using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.Instruments;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>
/// The explicit mapping between the library's instruments and a SPAN file's contracts (exchange contract key ↔
/// <see cref="Instrument"/>), with the lot-size table that converts a position's quantity into the file's unit. The
/// SPAN-file model margins a <c>Portfolio</c> through it, so accounts, batches, what-ifs and stress tests work on an
/// exchange file unchanged. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <para><b>Units.</b> A risk-array value is the loss of one long unit of the product as the file defines it (per contract,
/// multiplier included, in CME and MCX files; per unit of the underlying in NSE files). A position of quantity <c>q</c>
/// on an instrument of product family <c>pf</c> is <c>q · LotSize(pf)</c> file units; the lot size is 1 unless the table
/// gives one (e.g. an NSE file margining positions counted in lots).</para>
/// <para><b>Generated instruments</b> (<see cref="FromFile"/>): one underlying per combined commodity (symbol = the
/// combined commodity code, quote currency = its currency, base currency = <c>XU</c> + the symbol's letters and digits, a
/// placeholder that is never converted); a physical is a <see cref="SpotInstrument"/>, a future a <see cref="Future"/>, an
/// option a linear <see cref="EuropeanOption"/>; the multiplier is the contract's <c>cvf</c>; the expiry is the period
/// date at 00:00 UTC (<c>YYYYMMDD</c>, or the last day of the month for <c>YYYYMM</c>); the name is the contract key
/// (<c>ES/ES 202612</c>, <c>SP/SP 202412 C 410</c>), followed by the contract ids when two contracts share a key.</para>
/// </remarks>
public sealed partial class SpanInstrumentMap
{
    private readonly Dictionary<Instrument, int> _contractOf;
    private readonly Dictionary<int, Instrument> _instrumentOf;
    private readonly Dictionary<string, double> _lotSizes;

    private SpanInstrumentMap(SpanRiskParameters file, Dictionary<Instrument, int> contractOf, Dictionary<int, Instrument> instrumentOf, Dictionary<string, double> lotSizes)
    {
        File = file;
        _contractOf = contractOf;
        _instrumentOf = instrumentOf;
        _lotSizes = lotSizes;
    }

    /// <summary>Maps instruments to the contracts with the given keys.</summary>
    /// <param name="file">The SPAN file.</param>
    /// <param name="contracts">Each instrument and the key of its contract (each key must match exactly one contract).</param>
    /// <param name="lotSizes">File units per unit of position quantity, by product family code (default 1).</param>
    /// <exception cref="ArgumentException">A key matches no contract or several, an instrument appears twice, or a lot size is not a positive finite number (each names the item).</exception>
    public SpanInstrumentMap(SpanRiskParameters file, IEnumerable<KeyValuePair<Instrument, SpanContractKey>> contracts, IReadOnlyDictionary<string, double>? lotSizes = null)
        : this(Guard.NotNull(file), [], [], LotSizes(lotSizes))
    {
        ArgumentNullException.ThrowIfNull(contracts);
        foreach ((Instrument instrument, SpanContractKey key) in contracts)
        {
            ArgumentNullException.ThrowIfNull(instrument, nameof(contracts));
            int found = file.FindByKey(key, out SpanContract contract);
            if (found != 1)
            {
                Guard.ThrowArgument(found == 0
                    ? $"Instrument '{instrument.Name}': no contract of SPAN file {file.ClearingOrganization} {file.BusinessDate} has the key {key} (combined commodity, product family, period, strike, right)."
                    : $"Instrument '{instrument.Name}': more than one contract has the key {key}; give the product kind.", nameof(contracts));
            }

            Add(instrument, contract.Index, nameof(contracts));
        }
    }

    /// <summary>An instrument for every contract of the file (see the remarks for how they are built).</summary>
    /// <param name="file">The SPAN file.</param>
    /// <param name="lotSizes">File units per unit of position quantity, by product family code (default 1).</param>
    /// <returns>The map.</returns>
    /// <exception cref="ArgumentException">A combined commodity's currency is not a currency code, or a lot size is not a positive finite number.</exception>
    public static SpanInstrumentMap FromFile(SpanRiskParameters file, IReadOnlyDictionary<string, double>? lotSizes = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        var map = new SpanInstrumentMap(file, [], [], LotSizes(lotSizes));
        var underlyings = new Dictionary<string, Underlying>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int c = 0; c < file.ContractCount; c++)
        {
            SpanContract contract = file.GetContract(c);
            string? cc = contract.ProductFamily.CombinedCommodity;
            if (cc is null || contract.RiskArrayCount == 0)
            {
                continue; // not marginable: no combined commodity or no risk array
            }

            if (!underlyings.TryGetValue(cc, out Underlying? u))
            {
                underlyings[cc] = u = UnderlyingOf(file, cc);
            }

            string name = contract.Key.ToString();
            if (!names.Add(name))
            {
                name = $"{name} ({contract.Id})";
                names.Add(name);
            }

            Instrument instrument;
            try
            {
                instrument = Generate(contract, u, name);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"SPAN contract {contract} cannot be represented as an instrument: {e.Message}", nameof(file), e);
            }

            map.Add(instrument, c, nameof(file));
        }

        return map;
    }

    /// <summary>The SPAN file.</summary>
    public SpanRiskParameters File { get; }

    /// <summary>Number of mapped instruments.</summary>
    public int Count => _contractOf.Count;

    /// <summary>The mapped instruments.</summary>
    public IEnumerable<Instrument> Instruments => _contractOf.Keys;

    /// <summary>The instrument mapped to the contract with key <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">No contract has the key, or no instrument is mapped to it (names the key).</exception>
    public Instrument InstrumentFor(SpanContractKey key) =>
        File.FindByKey(key, out SpanContract c) == 1 && _instrumentOf.TryGetValue(c.Index, out Instrument? i)
            ? i
            : throw new KeyNotFoundException($"No instrument is mapped to a contract with the key {key} in SPAN file {File.ClearingOrganization} {File.BusinessDate}.");

    /// <summary>The instrument mapped to the contract with ids <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">No contract has the ids, or no instrument is mapped to it (names the ids).</exception>
    public Instrument InstrumentFor(SpanContractId id) =>
        File.TryFindContract(id, out SpanContract c) && _instrumentOf.TryGetValue(c.Index, out Instrument? i)
            ? i
            : throw new KeyNotFoundException($"No instrument is mapped to a contract with the ids {id} in SPAN file {File.ClearingOrganization} {File.BusinessDate}.");

    /// <summary>The instrument mapped to <paramref name="contract"/>.</summary>
    /// <param name="contract">A contract of <see cref="File"/>.</param>
    /// <param name="instrument">The instrument when one is mapped.</param>
    /// <returns>Whether an instrument is mapped to the contract.</returns>
    public bool TryGetInstrument(SpanContract contract, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Instrument? instrument) =>
        _instrumentOf.TryGetValue(contract.Index, out instrument);

    /// <summary>The contract an instrument is mapped to.</summary>
    /// <param name="instrument">The instrument.</param>
    /// <param name="contract">The contract when mapped.</param>
    /// <returns>Whether the instrument is mapped.</returns>
    public bool TryGetContract(Instrument instrument, out SpanContract contract)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        bool found = _contractOf.TryGetValue(instrument, out int c);
        contract = found ? File.GetContract(c) : default;
        return found;
    }

    /// <summary>File units per unit of position quantity for product family <paramref name="productFamilyCode"/> (1 unless the lot-size table gives one).</summary>
    public double LotSize(string productFamilyCode) => _lotSizes.GetValueOrDefault(Guard.NotNull(productFamilyCode), 1.0);

    /// <summary>The contract index and file-unit factor of a mapped instrument; false when unmapped.</summary>
    internal bool TryResolve(Instrument instrument, out int contract, out double lotSize)
    {
        lotSize = 0;
        if (!_contractOf.TryGetValue(instrument, out contract))
        {
            return false;
        }

        lotSize = LotSize(File.ProductFamilies[File.ContractFamily[contract]].Code);
        return true;
    }

    private void Add(Instrument instrument, int contract, string paramName)
    {
        if (!_contractOf.TryAdd(instrument, contract))
        {
            Guard.ThrowArgument($"Instrument '{instrument.Name}' is mapped twice.", paramName);
        }

        _instrumentOf.TryAdd(contract, instrument);
    }

    private static Dictionary<string, double> LotSizes(IReadOnlyDictionary<string, double>? lotSizes)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach ((string family, double size) in lotSizes ?? ImmutableDictionary<string, double>.Empty)
        {
            if (!(size > 0) || !double.IsFinite(size))
            {
                Guard.ThrowArgument(string.Create(CultureInfo.InvariantCulture, $"Lot size {size} of product family '{family}' must be a positive finite number (file units per unit of position quantity)."), nameof(lotSizes));
            }

            result[family] = size;
        }

        return result;
    }

    private static Underlying UnderlyingOf(SpanRiskParameters file, string cc)
    {
        SpanCombinedCommodity def = file.FindCombinedCommodity(cc)!;
        Currency quote = SpanCurrencies.Of(def);
        string letters = new([.. cc.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit)]);
        var placeholder = new Currency(("XU" + letters)[..Math.Min(12, 2 + letters.Length)]);
        return new Underlying(cc, placeholder == quote ? new Currency("XUX") : placeholder, quote);
    }

    private static Instrument Generate(SpanContract c, Underlying u, string name)
    {
        double cvf = c.ContractValueFactor;
        if (c.Kind == SpanProductKind.Physical)
        {
            return new SpotInstrument(u, cvf, name);
        }

        DateTimeOffset expiry = SpanPeriods.Expiry(c.Period);
        return c.Right is { } right
            ? new EuropeanOption(u, right == SpanOptionRight.Call ? OptionRight.Call : OptionRight.Put, c.Strike!.Value, expiry, OptionSettlement.Linear, cvf, name)
            : new Future(u, expiry, inverse: false, multiplier: cvf, name: name);
    }
}
