using PortfolioMargin.Cli.Commands;
using PortfolioMargin.Cli.Progress;
using Xunit;

namespace PortfolioMargin.Cli.Tests.Progress;

/// <summary>The progress bar: drawn in place on a terminal, absent when output is redirected.</summary>
public sealed class ProgressTests
{
    [Fact]
    public void The_bar_redraws_in_place_only_when_the_percentage_changes_and_is_erased_when_done()
    {
        var error = new StringWriter();
        var bar = new ConsoleProgressBar(error, TimeSpan.Zero);
        bar.Report("reading book.csv", 0.0);
        bar.Report("reading book.csv", 0.001);
        bar.Report("reading book.csv", 0.5);
        bar.Done();
        string text = error.ToString();
        string[] frames = text.Split('\r', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, frames.Length);
        Assert.StartsWith("reading book.csv [------------------------------]   0 %", frames[0], StringComparison.Ordinal);
        Assert.StartsWith("reading book.csv [###############---------------]  50 %", frames[1], StringComparison.Ordinal);
        Assert.True(string.IsNullOrWhiteSpace(frames[2]));
        Assert.EndsWith("\r", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Short_work_draws_nothing()
    {
        var error = new StringWriter();
        var bar = new ConsoleProgressBar(error, TimeSpan.FromHours(1));
        bar.Report("x", 0.5);
        bar.Done();
        Assert.Empty(error.ToString());
    }

    [Theory]
    [InlineData(false, false, true)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    public void A_bar_is_used_only_when_neither_output_nor_error_is_redirected(bool outputRedirected, bool errorRedirected, bool bar)
    {
        var console = new CliConsole(new StringWriter(), new StringWriter(), outputRedirected, errorRedirected, Tool.Root);
        System.CommandLine.RootCommand root = CliApp.BuildRoot(console);
        var format = root.Options.OfType<System.CommandLine.Option<string>>().Single(o => o.Name == "--format");
        CommandContext context = CommandContext.Create(console, root.Parse(["validate", "examples/book.json"]), format);
        Assert.Equal(bar, context.Progress is ConsoleProgressBar);
    }

    [Fact]
    public void A_progress_stream_reports_the_fraction_read()
    {
        var sink = new RecordingSink();
        using var stream = new ProgressStream(new MemoryStream(new byte[1000]), sink, "reading");
        var buffer = new byte[250];
        while (stream.Read(buffer, 0, buffer.Length) > 0)
        {
        }

        Assert.Equal([0.25, 0.5, 0.75, 1.0], sink.Fractions.Distinct());
    }

    [Fact]
    public void Redirected_runs_write_nothing_but_the_report_to_error()
    {
        CliRun run = Tool.Run("efficiency", "examples/book.json", "--market", "examples/market.json", "--model", "var", "--params", "examples/var.json");
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Error);
    }

    private sealed class RecordingSink : IProgressSink
    {
        public List<double> Fractions { get; } = [];

        public void Report(string label, double fraction) => Fractions.Add(fraction);

        public void Done()
        {
        }
    }
}
