using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Models;

/// <summary>A trading venue for the comparison and fragmentation reports: a display name and its margin model. Immutable.</summary>
/// <param name="Name">Venue name, e.g. <c>Deribit</c>; unique within a report.</param>
/// <param name="Model">The venue's margin model.</param>
public sealed record Venue(string Name, IMarginModel Model);

/// <summary>One venue's column of a <see cref="VenueComparison"/>.</summary>
/// <param name="Venue">Venue name.</param>
/// <param name="Result">The venue's margin of the book.</param>
/// <param name="Components">Per risk group its components (group name, component name, MM, IM), from the result's breakdown.</param>
public sealed record VenueColumn(string Venue, MarginResult Result, ImmutableArray<(string Group, string Component, double Maintenance, double Initial)> Components)
{
    /// <summary>The binding scenario per risk group.</summary>
    public ImmutableArray<BindingScenario> Binding => Result.BindingScenarios;
}

/// <summary>
/// One book margined under several venues' models side by side: initial and maintenance margin, each venue's binding
/// scenario per risk group and its components. Amounts in the snapshot's report currency. Immutable.
/// </summary>
/// <param name="Currency">Report currency.</param>
/// <param name="Venues">One column per venue, in the order given.</param>
public sealed record VenueComparison(Currency Currency, ImmutableArray<VenueColumn> Venues)
{
    /// <summary>Margins <paramref name="book"/> under every venue.</summary>
    /// <param name="venues">The venues (names unique).</param>
    /// <param name="book">The resolved book.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentException">No venues, or a duplicate or blank name.</exception>
    public static VenueComparison Compute(IEnumerable<Venue> venues, ResolvedPortfolio book)
    {
        ArgumentNullException.ThrowIfNull(book);
        ImmutableArray<Venue> list = Check(venues);
        return new VenueComparison(book.Market.ReportCurrency, [.. list.Select(v => Column(v.Name, v.Model.Calculate(book)))]);
    }

    internal static ImmutableArray<Venue> Check(IEnumerable<Venue> venues)
    {
        ArgumentNullException.ThrowIfNull(venues);
        ImmutableArray<Venue> list = [.. venues];
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Venue v in list)
        {
            Guard.NotNull(v, nameof(venues));
            Guard.NotNull(v.Model, nameof(venues));
            if (string.IsNullOrWhiteSpace(v.Name) || !names.Add(v.Name))
            {
                Guard.ThrowArgument($"Venues: the name '{v.Name}' is blank or used twice.", nameof(venues));
            }
        }

        if (list.IsEmpty)
        {
            Guard.ThrowArgument("Venues: give at least one venue.", nameof(venues));
        }

        return list;
    }

    private static VenueColumn Column(string venue, MarginResult r)
    {
        var components = ImmutableArray.CreateBuilder<(string, string, double, double)>();
        foreach (MarginNode group in r.Breakdown.Children)
        {
            if (group.Children.IsEmpty)
            {
                components.Add((group.Name, group.Name, group.Maintenance, group.Initial));
            }

            foreach (MarginNode c in group.Children)
            {
                int slash = c.Name.IndexOf('/', StringComparison.Ordinal);
                components.Add((group.Name, slash >= 0 ? c.Name[(slash + 1)..] : c.Name, c.Maintenance, c.Initial));
            }
        }

        return new VenueColumn(venue, r, components.ToImmutable());
    }

    /// <summary>The comparison as a text table: per venue IM, MM and the binding scenario per group, then the non-zero components.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.Append(inv, $"{"venue",-10} {"IM",14} {"MM",14}  binding scenario per group ({Currency})").AppendLine();
        foreach (VenueColumn v in Venues)
        {
            string binding = string.Join("; ", v.Binding.Select(b => string.Create(inv, $"{b.Group} {b.ScenarioId} (loss {b.Loss:N0})")));
            sb.Append(inv, $"{v.Venue,-10} {v.Result.InitialMargin,14:N2} {v.Result.MaintenanceMargin,14:N2}  {binding}").AppendLine();
        }

        foreach (VenueColumn v in Venues)
        {
            sb.Append(inv, $"  {v.Venue} components:").AppendLine();
            foreach (var (group, component, mm, im) in v.Components.Where(c => c.Initial != 0 || c.Maintenance != 0))
            {
                sb.Append(inv, $"    {group + " / " + component,-44} IM {im,14:N2}  MM {mm,14:N2}").AppendLine();
            }
        }

        return sb.ToString();
    }
}
