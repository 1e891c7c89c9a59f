using System.Diagnostics.CodeAnalysis;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>Throw helpers of the SPAN-file model: a file rule the model cannot apply is an error naming the rule, never a silent difference.</summary>
internal static class SpanRules
{
    /// <summary>A rule or feature of the file the library does not implement.</summary>
    [DoesNotReturn]
    public static void NotSupported(string message) => throw new NotSupportedException(message);

    /// <summary>The file's rules cannot be applied (missing rate, broken adjRate chain, price missing for NOV, …).</summary>
    [DoesNotReturn]
    public static void InvalidData(string message) => throw new InvalidOperationException(message);
}
