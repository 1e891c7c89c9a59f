using System.Collections.Immutable;
using System.Globalization;

namespace PortfolioMargin.Span;

/// <summary>Explicit exchange rates that bring the amounts of combined commodities in different currencies to one report
/// currency (<see cref="SpanMarginOptions.CurrencyConversion"/>). Nothing is converted with a rate that was not given.</summary>
/// <remarks>Immutable and thread-safe: the rates are copied on construction.</remarks>
public sealed class SpanCurrencyConversion
{
    /// <summary>Creates a conversion to <paramref name="reportCurrency"/>.</summary>
    /// <param name="reportCurrency">The currency every amount is reported in.</param>
    /// <param name="rates">Per source currency code, the value of one unit of it in <paramref name="reportCurrency"/>
    /// (e.g. <c>EUR → 1.08</c> when reporting in USD). The report currency itself has rate 1 and need not be listed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rates"/> is null.</exception>
    /// <exception cref="ArgumentException">A code is empty, a rate is not finite and &gt; 0, or the report currency is listed with a rate other than 1.</exception>
    public SpanCurrencyConversion(Currency reportCurrency, IEnumerable<KeyValuePair<string, double>> rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        if (reportCurrency.Code is null)
        {
            SpanThrow.Argument(nameof(reportCurrency), "the report currency is the default (empty) currency");
        }

        var b = ImmutableDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        foreach (var (code, rate) in rates)
        {
            if (string.IsNullOrWhiteSpace(code))
            {
                SpanThrow.Argument(nameof(rates), "a currency code is empty");
            }

            if (!(rate > 0) || !double.IsFinite(rate))
            {
                SpanThrow.Argument(nameof(rates), string.Create(CultureInfo.InvariantCulture, $"the rate {code} → {reportCurrency.Code} is {rate:R}; it must be finite and > 0"));
            }

            if (code == reportCurrency.Code && rate != 1)
            {
                SpanThrow.Argument(nameof(rates), string.Create(CultureInfo.InvariantCulture, $"the report currency {code} is listed with rate {rate:R}; its rate is 1"));
            }

            b[code] = rate;
        }

        ReportCurrency = reportCurrency;
        Rates = b.ToImmutable();
    }

    /// <summary>The currency every amount is reported in.</summary>
    public Currency ReportCurrency { get; }

    /// <summary>Per source currency code, the value of one unit in <see cref="ReportCurrency"/>.</summary>
    public ImmutableDictionary<string, double> Rates { get; }

    /// <summary>The value of one unit of <paramref name="currency"/> in <see cref="ReportCurrency"/>.</summary>
    /// <param name="currency">A currency code of the file.</param>
    /// <returns>1 for the report currency, else the given rate.</returns>
    /// <exception cref="InvalidOperationException">No rate was given for <paramref name="currency"/> (the message names it and the rates that were given).</exception>
    public double RateFrom(string currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        if (currency == ReportCurrency.Code)
        {
            return 1;
        }

        if (Rates.TryGetValue(currency, out double rate))
        {
            return rate;
        }

        SpanThrow.InvalidData($"no exchange rate from {currency} to {ReportCurrency.Code} in the SPAN currency conversion (rates given for: {(Rates.IsEmpty ? "none" : string.Join(", ", Rates.Keys.Order(StringComparer.Ordinal)))})");
        return 0;
    }
}
