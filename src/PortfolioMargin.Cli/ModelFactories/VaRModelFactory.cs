using PortfolioMargin.Cli.Inputs;
using PortfolioMargin.Models;
using PortfolioMargin.Models.VaR;

namespace PortfolioMargin.Cli.ModelFactories;

/// <summary>
/// <c>--model var</c> (delta-normal) and <c>--model delta-gamma-var</c> (Cornish–Fisher): covariance VaR with the
/// factors and options of a VaR-parameters file. The horizon is the file's <c>options.horizonDays</c> (1 day by default).
/// </summary>
/// <param name="deltaGamma">True for the delta-gamma (Cornish–Fisher) model.</param>
internal sealed class VaRModelFactory(bool deltaGamma) : IModelFactory
{
    /// <inheritdoc />
    public string Name => deltaGamma ? "delta-gamma-var" : "var";

    /// <inheritdoc />
    public string Help => deltaGamma
        ? "delta-gamma-var (Cornish-Fisher VaR; --params VaR-parameters JSON)"
        : "var (delta-normal VaR over the file's horizon, 1 day by default; --params VaR-parameters JSON)";

    /// <inheritdoc />
    public ModelChoice Create(ModelRequest request, InputFiles files)
    {
        ModelOptions.RejectPreset(request, Name);
        ModelOptions.RejectRatio(request, Name);
        string path = ModelOptions.RequireParameters(request, Name, "a VaR-parameters file", "examples/var.json");
        VaRParameters parameters = files.ReadVaRParameters(path);
        ModelOptions.RequireCoverage(request, parameters.Factors.Labels, $"{path} (VaR parameters)", "risk factor");
        IMarginModel model = deltaGamma
            ? Build(() => new DeltaGammaVaR(parameters.Factors, parameters.Options), path)
            : parameters.DeltaNormal();
        return new ModelChoice(model, "parameters " + path);
    }

    private static IMarginModel Build(Func<IMarginModel> build, string path)
    {
        try
        {
            return build();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new CliInputException($"{path}: {e.Message}", e);
        }
    }
}
