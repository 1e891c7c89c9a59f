namespace PortfolioMargin.Cli.Output;

/// <summary>How a command writes its report (<c>--format</c>).</summary>
internal enum OutputFormat
{
    /// <summary>Aligned text for people (the default).</summary>
    Text,

    /// <summary>One JSON document with a <c>format</c> and <c>version</c> (schemas in docs/cli.md).</summary>
    Json,

    /// <summary>One CSV table (RFC 4180, invariant culture; columns in docs/cli.md).</summary>
    Csv,
}
