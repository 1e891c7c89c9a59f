using System.Globalization;
using System.Xml;
using BenchmarkDotNet.Attributes;
using PortfolioMargin.Models.SpanFiles;
using PortfolioMargin.Serialization;
using PortfolioMargin.Testing;

namespace PortfolioMargin.Benchmarks.Serialization.SpanXml;

/// <summary>Parse throughput of a synthetic settlement-sized SPAN file (~2 million risk-array values), against a bare
/// <see cref="XmlReader"/> pass that reads every node and builds nothing (the baseline). MB/s = file size / mean time;
/// the file size and the retained-memory ratio are printed at setup.</summary>
[MemoryDiagnoser]
public class SpanParseBenchmarks
{
    private byte[] _file = [];

    /// <summary>Combined commodities in the synthetic file (12 periods × (1 future + 50 strikes × 2 rights) each).</summary>
    [Params(103)]
    public int CombinedCommodities { get; set; }

    /// <summary>Generates the file in memory and prints its size and the retained-memory figures.</summary>
    [GlobalSetup]
    public void Setup()
    {
        using var ms = new MemoryStream();
        SpanSyntheticFile.Write(ms, CombinedCommodities, periods: 12, strikes: 50, seed: 7);
        _file = ms.ToArray();
        var m = SpanMemoryReport.Measure(_file);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// SPAN file: {_file.Length / 1e6:F1} MB, {m.Contracts} contracts, {m.Values} risk-array values ({m.RawBytes / 1e6:F1} MB raw doubles); " +
            $"retained model {m.RetainedBytes / 1e6:F1} MB = {m.Ratio:F2}× raw; arrays by construction {m.StorageRatio:F2}×"));
    }

    /// <summary>Bytes processed per operation (for MB/s).</summary>
    public long Bytes => _file.Length;

    /// <summary>Baseline: a bare XmlReader pass over every node.</summary>
    /// <returns>The node count.</returns>
    [Benchmark(Baseline = true)]
    public long BareXmlReader()
    {
        using var stream = new MemoryStream(_file, writable: false);
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { IgnoreWhitespace = true, IgnoreComments = true, DtdProcessing = DtdProcessing.Prohibit });
        long nodes = 0;
        while (reader.Read())
        {
            nodes++;
        }

        return nodes;
    }

    /// <summary>The SPAN reader building the full model.</summary>
    /// <returns>The parameters.</returns>
    [Benchmark]
    public SpanRiskParameters ParseSpanFile()
    {
        using var stream = new MemoryStream(_file, writable: false);
        return SpanFile.Load(stream);
    }
}

/// <summary>Retained memory of a parsed SPAN model, measured with <see cref="GC.GetTotalMemory(bool)"/>.</summary>
public static class SpanMemoryReport
{
    /// <summary>Parses <paramref name="file"/> and measures the memory the model keeps alive.</summary>
    /// <param name="file">The SPAN XML bytes.</param>
    /// <returns>Contract and value counts, raw and retained bytes.</returns>
    public static (int Contracts, long Values, long RawBytes, long RetainedBytes, double Ratio, double StorageRatio) Measure(byte[] file)
    {
        long before = GC.GetTotalMemory(forceFullCollection: true);
        SpanRiskParameters p;
        using (var stream = new MemoryStream(file, writable: false))
        {
            p = SpanFile.Load(stream);
        }

        long after = GC.GetTotalMemory(forceFullCollection: true);
        long raw = (long)p.RiskArrayValues.Length * sizeof(double);
        long retained = after - before;
        var result = (p.ContractCount, (long)p.RiskArrayValues.Length, raw, retained, (double)retained / raw, (double)p.StorageBytes / raw);
        GC.KeepAlive(p);
        return result;
    }
}
