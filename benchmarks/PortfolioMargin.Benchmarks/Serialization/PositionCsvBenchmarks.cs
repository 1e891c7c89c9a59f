using BenchmarkDotNet.Attributes;
using PortfolioMargin.Benchmarks.RealTime;
using PortfolioMargin.Instruments;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Serialization;

namespace PortfolioMargin.Benchmarks.Serialization;

/// <summary>
/// Positions CSV throughput (issue 18 §7: read at least 1 M rows/s): reading 1,000,000 rows into a portfolio, streaming
/// them (<see cref="PositionCsv.ReadPositions"/>, nothing kept) and writing them (streamed), against splitting the same text into
/// lines with <see cref="TextReader.ReadLine"/> (the baseline: the floor of any line-based reader). Two books: positions
/// drawn from an exchange's listed universe (5 underlyings, 8 expiries, 41 strikes, calls and puts, linear and inverse,
/// futures and perpetuals: 6,610 instruments, the realistic case) and every position on an instrument of its own.
/// Rows per second = <see cref="Rows"/> / mean. With <c>CI</c> set the book has 10,000 rows.
/// </summary>
[MemoryDiagnoser]
public class PositionCsvBenchmarks
{
    private string _csv = "";
    private Portfolio _book = Portfolio.Empty;
    private Dictionary<string, Underlying> _underlyings = [];

    /// <summary>Rows in the file.</summary>
    [ParamsSource(nameof(RowCounts))]
    public int Rows { get; set; }

    /// <summary>True: every position on its own instrument; false: positions from the listed universe.</summary>
    [Params(false, true)]
    public bool DistinctInstruments { get; set; }

    /// <summary>1,000,000 rows; 10,000 when <c>CI</c> is set.</summary>
    public static IEnumerable<int> RowCounts => string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) ? [1_000_000] : [10_000];

    /// <summary>Builds the book and its CSV text.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _book = DistinctInstruments ? RealTimeBooks.Book(Rows) : Listed(Rows);
        _csv = PositionCsv.ToCsv(_book);
        _underlyings = RealTimeBooks.Underlyings.ToDictionary(u => u.Symbol);
    }

    /// <summary>Baseline: the text split into lines, nothing parsed.</summary>
    /// <returns>The line count.</returns>
    [Benchmark(Baseline = true)]
    public int SplitLines()
    {
        using var reader = new StringReader(_csv);
        int lines = 0;
        while (reader.ReadLine() is not null)
        {
            lines++;
        }

        return lines;
    }

    /// <summary>The reader building the portfolio.</summary>
    /// <returns>The portfolio.</returns>
    [Benchmark]
    public Portfolio Read() => PositionCsv.Read(new StringReader(_csv), _underlyings, MarginFileOptions.Default with { MaxDocumentBytes = Array.MaxLength });

    /// <summary>The streaming reader: every position parsed and validated, none kept.</summary>
    /// <returns>The sum of the quantities.</returns>
    [Benchmark]
    public double Stream()
    {
        double sum = 0;
        foreach (Position p in PositionCsv.ReadPositions(new StringReader(_csv), _underlyings, MarginFileOptions.Default with { MaxDocumentBytes = Array.MaxLength }))
        {
            sum += p.Quantity;
        }

        return sum;
    }

    /// <summary>The writer, streaming to a writer that counts the characters (no string of the whole file is built).</summary>
    /// <returns>The characters written.</returns>
    [Benchmark]
    public long Write()
    {
        using var writer = new CountingWriter();
        PositionCsv.Write(_book, writer);
        return writer.Count;
    }

    /// <summary>A text writer that only counts what it is given (what a file writer does before encoding).</summary>
    private sealed class CountingWriter : TextWriter
    {
        public long Count { get; private set; }

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => Count++;

        public override void Write(string? value) => Count += value?.Length ?? 0;

        public override void Write(ReadOnlySpan<char> buffer) => Count += buffer.Length;
    }

    /// <summary><paramref name="rows"/> positions drawn from a listed universe (see the class summary).</summary>
    internal static Portfolio Listed(int rows, int seed = 5)
    {
        var universe = new List<Instrument>();
        double[] spots = [95_000, 3_400, 180, 2.2, 0.35];
        for (int k = 0; k < RealTimeBooks.Underlyings.Length; k++)
        {
            Underlying u = RealTimeBooks.Underlyings[k];
            universe.Add(new Perpetual(u));
            universe.Add(new Perpetual(u, inverse: true, multiplier: 10));
            foreach (DateTimeOffset e in BenchmarkBooks.Expiries)
            {
                universe.Add(new Future(u, e));
                for (int s = 0; s <= 40; s++)
                {
                    double strike = Math.Round(spots[k] * (0.6 + (0.02 * s)), 4);
                    foreach (OptionRight right in (OptionRight[])[OptionRight.Call, OptionRight.Put])
                    {
                        universe.Add(new EuropeanOption(u, right, strike, e, OptionSettlement.Linear));
                        universe.Add(new EuropeanOption(u, right, strike, e, OptionSettlement.Inverse));
                    }
                }
            }
        }

        var rng = new Random(seed);
        return new Portfolio(Enumerable.Range(0, rows).Select(_ => new Position(universe[rng.Next(universe.Count)], rng.Next(-20, 21) + 0.5)));
    }
}
