using System.Collections.Immutable;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>The right of an option contract (<c>opt/o</c>: <c>C</c> or <c>P</c>).</summary>
public enum SpanOptionRight
{
    /// <summary>A call (<c>o</c> = <c>C</c>).</summary>
    Call,

    /// <summary>A put (<c>o</c> = <c>P</c>).</summary>
    Put,
}
