using PortfolioMargin.Span;

namespace SpanFileSample;

/// <summary>Classic strategies on the synthetic EIX file; quantities in contracts (the file's unit), long &gt; 0.</summary>
internal static class Strategies
{
    private const string Cc = "EIX";

    public static IReadOnlyList<(string Name, SpanPosition[] Positions)> All { get; } =
    [
        ("Calendar spread: long Jun / short Sep future", [Future("202606", 1), Future("202609", -1)]),
        ("Short straddle: short Jun 5000 call + put", [Option(5000, SpanOptionRight.Call, -1), Option(5000, SpanOptionRight.Put, -1)]),
        ("Covered call: long Jun future, short Jun 5200 call", [Future("202606", 1), Option(5200, SpanOptionRight.Call, -1)]),
        ("Protective put: long Jun future, long Jun 4800 put", [Future("202606", 1), Option(4800, SpanOptionRight.Put, 1)]),
    ];

    private static SpanPosition Future(string period, double quantity) =>
        SpanPosition.ByKey(new SpanContractKey(Cc, Cc, period), quantity, label: $"EIX {period} future");

    private static SpanPosition Option(double strike, SpanOptionRight right, double quantity) =>
        SpanPosition.ByKey(new SpanContractKey(Cc, Cc, "202606", strike, right), quantity, label: $"EIX 202606 {strike} {(right == SpanOptionRight.Call ? "call" : "put")}");
}
