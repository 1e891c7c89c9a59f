using System.Diagnostics;
using System.Globalization;

namespace PortfolioMargin.Cli.Progress;

/// <summary>
/// A one-line progress bar on standard error (<c>label [#########-----------]  45 %</c>), redrawn in place with a
/// carriage return. It appears only once work has run for <see cref="Delay"/> (short runs print nothing), redraws at
/// most when the whole percentage or the label changes, and is erased by <see cref="Done"/>. The tool uses it only
/// when neither output nor error is redirected (<see cref="CliConsole.ProgressAllowed"/>). Not thread-safe: report
/// from one thread.
/// </summary>
internal sealed class ConsoleProgressBar : IProgressSink
{
    private const int BarWidth = 30;
    private readonly TextWriter _error;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan _delay;
    private string? _label;
    private int _percent = -1;
    private int _drawnWidth;

    /// <summary>Creates the bar.</summary>
    /// <param name="error">Standard error.</param>
    /// <param name="delay">How long work runs before the bar appears; <see cref="Delay"/> when null.</param>
    public ConsoleProgressBar(TextWriter error, TimeSpan? delay = null)
    {
        _error = error;
        _delay = delay ?? Delay;
    }

    /// <summary>Default time before the bar appears: 0.4 s.</summary>
    public static TimeSpan Delay { get; } = TimeSpan.FromMilliseconds(400);

    /// <inheritdoc />
    public void Report(string label, double fraction)
    {
        int percent = (int)Math.Floor(Math.Clamp(double.IsFinite(fraction) ? fraction : 0, 0, 1) * 100);
        if (_clock.Elapsed < _delay || (percent == _percent && label == _label))
        {
            return;
        }

        _label = label;
        _percent = percent;
        int filled = percent * BarWidth / 100;
        string line = string.Create(CultureInfo.InvariantCulture,
            $"{label} [{new string('#', filled)}{new string('-', BarWidth - filled)}] {percent,3} %");
        _error.Write('\r' + line.PadRight(_drawnWidth));
        _error.Flush();
        _drawnWidth = line.Length;
    }

    /// <inheritdoc />
    public void Done()
    {
        if (_drawnWidth > 0)
        {
            _error.Write('\r' + new string(' ', _drawnWidth) + '\r');
            _error.Flush();
            _drawnWidth = 0;
        }

        _percent = -1;
        _label = null;
    }
}
