using PortfolioMargin;
using PortfolioMargin.Instruments;
using PortfolioMargin.Models.SpanFiles;
using PortfolioMargin.Portfolios;

namespace SpanFileSample;

/// <summary>
/// Classic strategies on the synthetic EIX file, written on the library's own instruments. The explicit mapping
/// (instrument ↔ the file's contract key) is what a broker's instrument master provides; quantities are in contracts
/// (the file's unit), long &gt; 0.
/// </summary>
internal static class Strategies
{
    private const string Cc = "EIX";
    private static readonly Underlying Eix = new(Cc, new Currency("EIXIDX"), Currency.Usd);
    private static readonly DateTimeOffset Jun = new(2026, 6, 19, 0, 0, 0, TimeSpan.Zero);

    private static readonly (Instrument Instrument, SpanContractKey Key)[] Contracts =
    [
        (Future("202606", Jun), new SpanContractKey(Cc, Cc, "202606")),
        (Future("202609", new DateTimeOffset(2026, 9, 18, 0, 0, 0, TimeSpan.Zero)), new SpanContractKey(Cc, Cc, "202609")),
        (Option(5000, OptionRight.Call), new SpanContractKey(Cc, Cc, "202606", 5000, SpanOptionRight.Call)),
        (Option(5000, OptionRight.Put), new SpanContractKey(Cc, Cc, "202606", 5000, SpanOptionRight.Put)),
        (Option(5200, OptionRight.Call), new SpanContractKey(Cc, Cc, "202606", 5200, SpanOptionRight.Call)),
        (Option(4800, OptionRight.Put), new SpanContractKey(Cc, Cc, "202606", 4800, SpanOptionRight.Put)),
    ];

    /// <summary>The instrument mapping of the strategies' contracts.</summary>
    public static SpanInstrumentMap Map(SpanRiskParameters file) => new(file, Contracts.Select(c => KeyValuePair.Create(c.Instrument, c.Key)));

    public static IReadOnlyList<(string Name, Portfolio Positions)> All { get; } =
    [
        ("Calendar spread: long Jun / short Sep future", new(new Position(Contracts[0].Instrument, 1), new Position(Contracts[1].Instrument, -1))),
        ("Short straddle: short Jun 5000 call + put", new(new Position(Contracts[2].Instrument, -1), new Position(Contracts[3].Instrument, -1))),
        ("Covered call: long Jun future, short Jun 5200 call", new(new Position(Contracts[0].Instrument, 1), new Position(Contracts[4].Instrument, -1))),
        ("Protective put: long Jun future, long Jun 4800 put", new(new Position(Contracts[0].Instrument, 1), new Position(Contracts[5].Instrument, 1))),
    ];

    private static Future Future(string period, DateTimeOffset expiry) => new(Eix, expiry, multiplier: 50, name: $"EIX {period} future");

    private static EuropeanOption Option(double strike, OptionRight right) =>
        new(Eix, right, strike, Jun, OptionSettlement.Linear, 50, $"EIX 202606 {strike} {(right == OptionRight.Call ? "call" : "put")}");
}
