using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Serialization;

/// <summary>
/// Input limits of the readers, so that a hostile or broken file cannot exhaust memory: every limit is checked while
/// the input is scanned, before the document is turned into objects, and exceeding one is a
/// <see cref="MarginFileException"/> naming the limit, its value and where it was exceeded. Immutable; set limits with
/// <c>with</c> or an object initializer, e.g. <c>MarginFileOptions.Default with { MaxPositions = 5_000 }</c>.
/// </summary>
/// <remarks>Peak memory of a read is a small multiple of the document size (the bytes, then the objects built from
/// them), so <see cref="MaxDocumentBytes"/> is the main bound; the counts bound what a small document can ask for.</remarks>
public sealed record MarginFileOptions
{
    /// <summary>The default limits.</summary>
    public static MarginFileOptions Default { get; } = new();

    /// <summary>Largest JSON document in bytes (UTF-8) or positions CSV in characters; default 256 MiB, at most <see cref="Array.MaxLength"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">On set: below 1 or above <see cref="Array.MaxLength"/>.</exception>
    public long MaxDocumentBytes
    {
        get;
        init => field = Check(value, 1, Array.MaxLength, nameof(MaxDocumentBytes));
    } = 256L * 1024 * 1024;

    /// <summary>Deepest nesting of JSON objects and arrays (the root object is depth 1; the schemas need at most 8); default 32, in [1, 256].</summary>
    /// <exception cref="ArgumentOutOfRangeException">On set: outside [1, 256].</exception>
    public int MaxDepth
    {
        get;
        init => field = (int)Check(value, 1, 256, nameof(MaxDepth));
    } = 32;

    /// <summary>Most positions in a portfolio document or rows in a positions CSV; default 1,000,000, at most <see cref="Portfolio.MaxPositions"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">On set: negative or above <see cref="Portfolio.MaxPositions"/>.</exception>
    public int MaxPositions
    {
        get;
        init => field = (int)Check(value, 0, Portfolio.MaxPositions, nameof(MaxPositions));
    } = 1_000_000;

    /// <summary>Most instruments in a portfolio document; default 1,000,000.</summary>
    /// <exception cref="ArgumentOutOfRangeException">On set: negative.</exception>
    public int MaxInstruments
    {
        get;
        init => field = (int)Check(value, 0, int.MaxValue, nameof(MaxInstruments));
    } = 1_000_000;

    /// <summary>Most scenarios in one scenario set; default and maximum <see cref="ScenarioSet.MaxScenarios"/> (100,000).</summary>
    /// <exception cref="ArgumentOutOfRangeException">On set: outside [1, <see cref="ScenarioSet.MaxScenarios"/>].</exception>
    public int MaxScenarios
    {
        get;
        init => field = (int)Check(value, 1, ScenarioSet.MaxScenarios, nameof(MaxScenarios));
    } = ScenarioSet.MaxScenarios;

    /// <summary>Most strikes (and vols) per expiry of a smile vol surface; default 1,000.</summary>
    /// <exception cref="ArgumentOutOfRangeException">On set: below 1.</exception>
    public int MaxSmilePoints
    {
        get;
        init => field = (int)Check(value, 1, int.MaxValue, nameof(MaxSmilePoints));
    } = 1_000;

    /// <summary>Most elements of any other JSON array (underlyings, spots, forwards, surfaces and their expiries, rates, groups, tiers, spreads, legs, shocks …); default 100,000.</summary>
    /// <exception cref="ArgumentOutOfRangeException">On set: negative.</exception>
    public int MaxListLength
    {
        get;
        init => field = (int)Check(value, 0, int.MaxValue, nameof(MaxListLength));
    } = 100_000;

    /// <summary>Longest line (record) of a positions CSV in characters, not counting the line break; default 4,096.</summary>
    /// <exception cref="ArgumentOutOfRangeException">On set: below 16.</exception>
    public int MaxCsvLineLength
    {
        get;
        init => field = (int)Check(value, 16, int.MaxValue, nameof(MaxCsvLineLength));
    } = 4_096;

    /// <summary>
    /// Largest volatility a market snapshot (flat, term and smile vols) or a VaR parameter set (factor vols, in their
    /// unit) may hold; default <see cref="VolatilityLimit.DefaultMax"/> = 10 (1,000 %), the bound every vol input applies.
    /// A vol above it is most likely a percentage typed for a fraction (55 for 0.55) and is refused; raise it only for a vol that is meant.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">On set: not finite and &gt; 0.</exception>
    public double MaxVolatility
    {
        get;
        init => field = VolatilityLimit.CheckMax(value, nameof(MaxVolatility));
    } = VolatilityLimit.DefaultMax;

    private static long Check(long value, long min, long max, string name) =>
        value >= min && value <= max
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{min}, {max}], got {value}.");
}
