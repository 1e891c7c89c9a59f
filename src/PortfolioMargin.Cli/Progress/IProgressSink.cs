namespace PortfolioMargin.Cli.Progress;

/// <summary>Receives progress of long work (reading large files, margining every position alone, stress scenarios).</summary>
internal interface IProgressSink
{
    /// <summary>Reports that <paramref name="fraction"/> of the step <paramref name="label"/> is done.</summary>
    /// <param name="label">What is being done, e.g. <c>reading book.csv</c>.</param>
    /// <param name="fraction">Done so far, in [0, 1].</param>
    void Report(string label, double fraction);

    /// <summary>The work is over: remove any bar from the screen.</summary>
    void Done();
}
