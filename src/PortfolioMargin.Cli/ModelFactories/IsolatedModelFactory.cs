using PortfolioMargin.Cli.Inputs;
using PortfolioMargin.Models.Isolated;

namespace PortfolioMargin.Cli.ModelFactories;

/// <summary><c>--model isolated</c>: each position alone, with the built-in crypto rates or an isolated-rates file.</summary>
internal sealed class IsolatedModelFactory : IModelFactory
{
    /// <inheritdoc />
    public string Name => "isolated";

    /// <inheritdoc />
    public string Help => "isolated (each position alone; --params isolated-rates JSON, default the built-in crypto rates: 10 % delta-one, short options 15 %/10 %)";

    /// <inheritdoc />
    public ModelChoice Create(ModelRequest request, InputFiles files)
    {
        ModelOptions.RejectPreset(request, "isolated");
        ModelOptions.RejectRatio(request, "isolated");
        return request.ParametersPath is { } path
            ? new ModelChoice(files.ReadIsolatedRates(path), "rates " + path)
            : new ModelChoice(new IsolatedModel(IsolatedRates.CryptoDefault), "built-in crypto default rates");
    }
}
