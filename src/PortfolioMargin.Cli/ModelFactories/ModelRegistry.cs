using System.Collections.Immutable;

namespace PortfolioMargin.Cli.ModelFactories;

/// <summary>
/// The margin models the tool offers, by <c>--model</c> name. Adding a model is one entry here.
/// </summary>
/// <remarks>
/// Pending: the exchange SPAN file model (<c>PortfolioMargin.Models.SpanFiles.SpanFileModel</c>, an
/// <see cref="PortfolioMargin.Models.IMarginModel"/> over <c>SpanRiskParameters</c> with an instrument mapping) joins
/// as a <c>span</c> factory whose <c>--params</c> is the exchange file (read with <c>SpanFile.Load</c>).
/// </remarks>
internal static class ModelRegistry
{
    /// <summary>Every factory, in the order <c>--help</c> lists them.</summary>
    public static ImmutableArray<IModelFactory> All { get; } =
    [
        new IsolatedModelFactory(),
        new GridModelFactory(),
        new VaRModelFactory(deltaGamma: false),
        new VaRModelFactory(deltaGamma: true),
    ];

    /// <summary>The names, for <c>--model</c> completion and validation.</summary>
    public static string[] Names => [.. All.Select(f => f.Name)];

    /// <summary>The factory named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="CliInputException">No factory has that name (the message lists the names).</exception>
    public static IModelFactory Find(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new CliInputException($"--model: unknown model '{name}'; expected one of {string.Join(", ", Names)}.");
}
