namespace PortfolioMargin.Solvency;

/// <summary>Parameters of a margin back-test. Immutable.</summary>
public sealed record BacktestOptions
{
    /// <summary>1-day margin period of risk, 99 % coverage, initial margin, every usable date, every core.</summary>
    public static BacktestOptions Default { get; } = new();

    /// <summary>Margin period of risk in calendar days (the loss window), in [1, 365]; default 1.</summary>
    public int HorizonDays { get; init; } = 1;

    /// <summary>Coverage the margin claims, in (0, 1), e.g. 0.99; the expected breach rate is <c>1 − Coverage</c>; default 0.99.</summary>
    public double Coverage { get; init; } = 0.99;

    /// <summary>Margin held against the loss; default initial.</summary>
    public MarginBasis Basis { get; init; } = MarginBasis.Initial;

    /// <summary>First margin date; null for the first date the market and the model can margin.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Last margin date; null for the last date whose loss window ends in the market.</summary>
    public DateOnly? To { get; init; }

    /// <summary>Threads; null for every core. Results do not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    internal void Validate()
    {
        if (HorizonDays is < 1 or > 365)
        {
            throw new ArgumentOutOfRangeException(nameof(HorizonDays), HorizonDays, "The margin period of risk must be 1 to 365 days.");
        }

        if (!(Coverage > 0 && Coverage < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Coverage), Coverage, "Coverage must be in (0, 1), e.g. 0.99.");
        }

        if (!Enum.IsDefined(Basis))
        {
            throw new ArgumentOutOfRangeException(nameof(Basis), Basis, "Unknown margin basis.");
        }

        if (MaxDegreeOfParallelism is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "Degree of parallelism must be at least 1 (or null for every core).");
        }

        if (From is { } f && To is { } t && t < f)
        {
            throw new ArgumentOutOfRangeException(nameof(To), To, $"The last margin date {t:yyyy-MM-dd} is before the first {f:yyyy-MM-dd}.");
        }
    }
}
