using System.IO.Compression;

using PortfolioMargin.Models.SpanFiles;

namespace PortfolioMargin.Serialization;

/// <summary>Options for reading a SPAN file.</summary>
public sealed record SpanReadOptions
{
    /// <summary>The default options: read every combined commodity.</summary>
    public static SpanReadOptions Default { get; } = new();

    /// <summary>Keep only these combined commodities (codes, <c>ccDef/cc</c>) and the product families they link;
    /// <see langword="null"/> keeps everything. Unknown codes are an <see cref="ArgumentException"/>.</summary>
    public IReadOnlyCollection<string>? CombinedCommodities { get; init; }

    /// <summary>For zip archives: the entry to read; <see langword="null"/> reads the only <c>.spn</c>/<c>.xml</c> entry.</summary>
    public string? ZipEntryName { get; init; }
}
