using System.Globalization;
using PortfolioMargin.Cli.Inputs;
using PortfolioMargin.Models.Grid;

namespace PortfolioMargin.Cli.ModelFactories;

/// <summary><c>--model grid</c>: the scenario grid with a named preset (default <c>deribit</c>) or a grid-parameters file.</summary>
internal sealed class GridModelFactory : IModelFactory
{
    /// <summary>IM/MM ratio for presets when <c>--im-ratio</c> is not given; illustrative, as in the samples.</summary>
    public const double DefaultInitialToMaintenance = 1.25;

    /// <summary>The preset names.</summary>
    public static readonly string[] Presets = ["deribit"];

    /// <inheritdoc />
    public string Name => "grid";

    /// <inheritdoc />
    public string Help => "grid (scenario grid; --preset deribit, the default, or --params grid-parameters JSON)";

    /// <inheritdoc />
    public ModelChoice Create(ModelRequest request, InputFiles files)
    {
        if (request.ParametersPath is { } path)
        {
            if (request.Preset is not null)
            {
                throw new CliInputException("--preset and --params: give one of them for the grid model, not both.");
            }

            if (request.InitialToMaintenance is not null)
            {
                throw new CliInputException("--im-ratio: a grid-parameters file sets initialToMaintenance per group; leave --im-ratio out.");
            }

            GridParameters parameters = files.ReadGridParameters(path);
            ModelOptions.RequireCoverage(request, parameters.Groups.Keys, $"{path} (grid parameters '{parameters.Version}')", "risk group");
            return new ModelChoice(new ScenarioGridModel(parameters), "parameters " + path);
        }

        string preset = request.Preset ?? Presets[0];
        if (!string.Equals(preset, "deribit", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliInputException($"--preset: unknown grid preset '{preset}'; expected one of {string.Join(", ", Presets)}.");
        }

        double ratio = request.InitialToMaintenance ?? DefaultInitialToMaintenance;
        if (!(ratio >= 1) || !double.IsFinite(ratio))
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--im-ratio: the IM/MM ratio must be a finite number >= 1, got {ratio}."));
        }

        // A book without positions still needs one group for the parameter set; it margins to 0 either way.
        string[] groups = request.Underlyings.Count > 0 ? [.. request.Underlyings] : ["BTC"];
        var model = new ScenarioGridModel(GridPresets.DeribitStyle(groups, initialToMaintenance: ratio));
        return new ModelChoice(model, string.Create(CultureInfo.InvariantCulture,
            $"preset deribit ({string.Join(", ", groups)}), IM/MM {ratio:0.###}{(request.InitialToMaintenance is null ? " (default; --im-ratio)" : "")}"));
    }
}
