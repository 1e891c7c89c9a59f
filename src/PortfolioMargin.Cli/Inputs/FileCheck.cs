using System.Collections.Immutable;

namespace PortfolioMargin.Cli.Inputs;

/// <summary>One problem found in a file.</summary>
/// <param name="Message">The whole message (the library's, naming document, path and line where it has them).</param>
/// <param name="Location">JSON path, CSV column or SPAN element path; null when the problem concerns the whole file.</param>
/// <param name="Line">1-based line; null when unknown.</param>
/// <param name="Position">1-based byte (JSON), character (CSV) or column (SPAN XML) in the line; null when unknown.</param>
internal sealed record FileProblem(string Message, string? Location = null, long? Line = null, long? Position = null);

/// <summary>The outcome of checking one file.</summary>
/// <param name="Path">The file as given.</param>
/// <param name="Kind">What the file is.</param>
/// <param name="Summary">What it holds when it reads (e.g. <c>9 positions (BTC, ETH)</c>), else null.</param>
/// <param name="Problems">Every problem found; empty when the file is valid.</param>
internal sealed record FileCheck(string Path, DocumentKind Kind, string? Summary, ImmutableArray<FileProblem> Problems)
{
    /// <summary>True when no problem was found.</summary>
    public bool Valid => Problems.IsEmpty;
}
