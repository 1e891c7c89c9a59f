namespace PortfolioMargin.Cli.Progress;

/// <summary>Progress that goes nowhere: output redirected, or a test.</summary>
internal sealed class NoProgress : IProgressSink
{
    /// <summary>The instance.</summary>
    public static NoProgress Instance { get; } = new();

    /// <inheritdoc />
    public void Report(string label, double fraction)
    {
    }

    /// <inheritdoc />
    public void Done()
    {
    }
}
