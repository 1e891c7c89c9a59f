using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace PortfolioMargin;

/// <summary>Small argument checks whose throwing paths are kept out of line so callers stay inlinable.</summary>
internal static class Guard
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Finite(double value, string what, [CallerArgumentExpression(nameof(value))] string? param = null)
    {
        if (!double.IsFinite(value))
        {
            ThrowNotFinite(value, what, param);
        }

        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Positive(double value, string what, [CallerArgumentExpression(nameof(value))] string? param = null)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            ThrowRange(value, what, "a finite number > 0", param);
        }

        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double NonNegative(double value, string what, [CallerArgumentExpression(nameof(value))] string? param = null)
    {
        if (!(value >= 0) || !double.IsFinite(value))
        {
            ThrowRange(value, what, "a finite number >= 0", param);
        }

        return value;
    }

    public static T NotNull<T>([NotNull] T? value, [CallerArgumentExpression(nameof(value))] string? param = null)
        where T : class
    {
        if (value is null)
        {
            ThrowNull(param);
        }

        return value;
    }

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    [DoesNotReturn]
    private static void ThrowNotFinite(double value, string what, string? param) =>
        throw new ArgumentOutOfRangeException(param, value, $"{what} must be a finite number, got {Format(value)}.");

    [DoesNotReturn]
    private static void ThrowRange(double value, string what, string expected, string? param) =>
        throw new ArgumentOutOfRangeException(param, value, $"{what} must be {expected}, got {Format(value)}.");

    [DoesNotReturn]
    private static void ThrowNull(string? param) => throw new ArgumentNullException(param);

    [DoesNotReturn]
    public static void ThrowArgument(string message, string? param = null) => throw new ArgumentException(message, param);
}
