namespace PortfolioMargin.Benchmarks;

/// <summary>Sizes that depend on where the benchmarks run: CI (the <c>CI</c> variable set, a dry run of every benchmark) takes the small ones.</summary>
public static class BenchmarkSizes
{
    /// <summary>True when the <c>CI</c> environment variable is set (the CI script sets it for its dry run).</summary>
    public static bool Ci => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));
}
