namespace PortfolioMargin.Cli.ModelFactories;

/// <summary>What the command line says about the model: its name, a preset or a parameter file, and the book it will margin.</summary>
/// <param name="Name">The model name given to <c>--model</c>.</param>
/// <param name="Preset">The <c>--preset</c> name, or null.</param>
/// <param name="ParametersPath">The <c>--params</c> file as given, or null.</param>
/// <param name="InitialToMaintenance">The <c>--im-ratio</c> value for presets that need one, or null for the factory's default.</param>
/// <param name="Underlyings">Underlying symbols the model must cover (the book's, and an order's for <c>whatif</c>), in order of first appearance.</param>
internal sealed record ModelRequest(string Name, string? Preset, string? ParametersPath, double? InitialToMaintenance, IReadOnlyList<string> Underlyings);
