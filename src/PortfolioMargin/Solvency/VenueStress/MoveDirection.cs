namespace PortfolioMargin.Solvency;

/// <summary>Which way <see cref="HistoricalScenarios.Worst"/> ranks windows.</summary>
public enum MoveDirection : byte
{
    /// <summary>The largest falls (hurts long books).</summary>
    Falls = 0,

    /// <summary>The largest rises (hurts short books).</summary>
    Rises = 1,
}
