namespace PortfolioMargin.RealTime;

/// <summary>How <see cref="BatchMargin.CalculateEach(IReadOnlyList{Account}, Models.IMarginModel, MarketData.MarketSnapshot, BatchOptions?, AccountThresholds?)"/> runs. Immutable.</summary>
public sealed record BatchOptions
{
    /// <summary>The defaults: every core, every item's outcome.</summary>
    public static BatchOptions Default { get; } = new();

    /// <summary>Threads to use; null (default) = every core (<see cref="Environment.ProcessorCount"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">On set: less than 1.</exception>
    public int? MaxDegreeOfParallelism
    {
        get;
        init => field = value is < 1
            ? throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), value, "Degree of parallelism must be at least 1 (or null for every core).")
            : value;
    }

    /// <summary>
    /// Stop at the first failure and throw it (<see cref="BatchMarginException"/>) instead of returning every item's
    /// outcome: no new item starts once one has failed. Default false.
    /// </summary>
    public bool FailFast { get; init; }
}
