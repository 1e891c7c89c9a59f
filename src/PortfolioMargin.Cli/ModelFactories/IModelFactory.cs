using PortfolioMargin.Cli.Inputs;

namespace PortfolioMargin.Cli.ModelFactories;

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
