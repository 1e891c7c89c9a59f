using PortfolioMargin.Cli.Inputs;
using PortfolioMargin.Models;

namespace PortfolioMargin.Cli.ModelFactories;

/// <summary>What the command line says about the model: its name, a preset or a parameter file, and the book it will margin.</summary>
/// <param name="Name">The model name given to <c>--model</c>.</param>
/// <param name="Preset">The <c>--preset</c> name, or null.</param>
/// <param name="ParametersPath">The <c>--params</c> file as given, or null.</param>
/// <param name="InitialToMaintenance">The <c>--im-ratio</c> value for presets that need one, or null for the factory's default.</param>
/// <param name="Underlyings">Underlying symbols the model must cover (the book's, and an order's for <c>whatif</c>), in order of first appearance.</param>
internal sealed record ModelRequest(string Name, string? Preset, string? ParametersPath, double? InitialToMaintenance, IReadOnlyList<string> Underlyings);

/// <summary>A margin model built from the command line, with a one-line description of where its parameters came from.</summary>
/// <param name="Model">The model.</param>
/// <param name="Source">E.g. <c>preset deribit, IM/MM 1.25</c> or <c>parameters examples/var.json</c>.</param>
internal sealed record ModelChoice(IMarginModel Model, string Source);

/// <summary>
/// Builds one kind of margin model from a <see cref="ModelRequest"/>. The tool finds factories by name in
/// <see cref="ModelRegistry"/>; a new model (the exchange SPAN file model, say) is one more factory there.
/// Implementations are stateless.
/// </summary>
internal interface IModelFactory
{
    /// <summary>The <c>--model</c> name, lower case, e.g. <c>grid</c>.</summary>
    string Name { get; }

    /// <summary>One line for <c>--help</c>: what the model is and what <c>--preset</c> / <c>--params</c> give it.</summary>
    string Help { get; }

    /// <summary>Builds the model.</summary>
    /// <param name="request">The command line's model options and the book's underlyings.</param>
    /// <param name="files">Reads parameter files.</param>
    /// <returns>The model and a description of its parameters.</returns>
    /// <exception cref="CliInputException">Missing or conflicting options, an unknown preset, or parameters that do not cover the book.</exception>
    ModelChoice Create(ModelRequest request, InputFiles files);
}
