namespace PortfolioMargin.Cli.ModelFactories;

/// <summary>Checks shared by the factories: options a model does not take are errors, not silently ignored.</summary>
internal static class ModelOptions
{
    /// <summary>Fails when <c>--preset</c> was given to a model without presets.</summary>
    public static void RejectPreset(ModelRequest request, string model)
    {
        if (request.Preset is not null)
        {
            throw new CliInputException($"--preset: the {model} model has no presets; use --params FILE or leave both out.");
        }
    }

    /// <summary>Fails when <c>--im-ratio</c> was given to a model that takes its IM/MM ratio from elsewhere.</summary>
    public static void RejectRatio(ModelRequest request, string model)
    {
        if (request.InitialToMaintenance is not null)
        {
            throw new CliInputException($"--im-ratio: the {model} model takes no IM/MM ratio on the command line (its parameters set it).");
        }
    }

    /// <summary>The parameter file, or an error naming the model.</summary>
    public static string RequireParameters(ModelRequest request, string model, string what, string example) =>
        request.ParametersPath ?? throw new CliInputException($"--params: the {model} model needs {what} (e.g. --params {example}).");

    /// <summary>Fails when a symbol of the book has no entry in the model's parameters.</summary>
    /// <param name="request">The request (its underlyings).</param>
    /// <param name="covered">The symbols the parameters cover.</param>
    /// <param name="where">E.g. <c>grid parameters examples/grid.json</c>.</param>
    /// <param name="entry">E.g. <c>risk group</c> or <c>risk factor</c>.</param>
    public static void RequireCoverage(ModelRequest request, IEnumerable<string> covered, string where, string entry)
    {
        var set = covered.ToHashSet(StringComparer.Ordinal);
        string[] missing = [.. request.Underlyings.Where(u => !set.Contains(u))];
        if (missing.Length > 0)
        {
            throw new CliInputException($"{where}: no {entry} for {string.Join(", ", missing.Select(m => $"'{m}'"))}, which the book needs "
                + $"(the parameters have {string.Join(", ", set.Order(StringComparer.Ordinal))}).");
        }
    }
}
