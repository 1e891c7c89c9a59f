using System.Collections.Immutable;
using System.Globalization;

namespace PortfolioMargin.Models;

/// <summary>How well a parameter value or formula is supported by its sources.</summary>
public enum ParameterStatus : byte
{
    /// <summary>Stated in a cited source (page, API example, or public test vector).</summary>
    Published = 0,

    /// <summary>
    /// Not stated anywhere retrievable; the best-supported reading, chosen because it reproduces every published number
    /// it can reach (the note says which). Treat as an approximation of the venue's method.
    /// </summary>
    Inferred = 1,

    /// <summary>A modelling choice of this library where the venue's method has no counterpart (e.g. a product the venue does not list).</summary>
    Assumed = 2,
}

/// <summary>A document a parameter set cites. Immutable.</summary>
/// <param name="Id">Short id used by <see cref="ParameterNote.Sources"/> and in test names, e.g. <c>DERIBIT-PME-SIMULATE</c>.</param>
/// <param name="Publisher">Who published it, e.g. <c>Deribit</c>.</param>
/// <param name="Title">Title of the page, API reference or file.</param>
/// <param name="Url">Address as cited.</param>
/// <param name="Published">Date printed on the document (publication, update or example timestamp); null when undated.</param>
/// <param name="Accessed">Date the copy was read.</param>
/// <param name="Note">What in the document is used, or why it is undated; may be null.</param>
public sealed record ParameterSource(string Id, string Publisher, string Title, string Url, DateOnly? Published, DateOnly Accessed, string? Note = null)
{
    /// <summary>E.g. <c>Deribit, "private/pme/simulate" (2024-06-17), https://…</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Publisher}, \"{Title}\" ({(Published is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "undated")}, read {Accessed:yyyy-MM-dd}), {Url}");
}

/// <summary>Where one parameter (or formula) of a venue method comes from. Immutable.</summary>
/// <param name="Parameter">The parameter's path in the parameter document, e.g. <c>rollShock.minAnnualisedMove</c>, or a formula name.</param>
/// <param name="Status">Published, inferred or assumed.</param>
/// <param name="Sources">Ids of the <see cref="ParameterSource"/>s it rests on (may be empty for an assumption).</param>
/// <param name="Note">The reading, and for an inferred item the published numbers it reproduces.</param>
public sealed record ParameterNote(string Parameter, ParameterStatus Status, ImmutableArray<string> Sources, string Note);

/// <summary>The sources and per-parameter notes of a venue parameter set. Immutable.</summary>
public sealed record ParameterProvenance
{
    /// <summary>Creates the provenance and checks that every note cites known source ids.</summary>
    /// <param name="sources">Cited documents; ids unique.</param>
    /// <param name="notes">Per-parameter notes.</param>
    /// <exception cref="ArgumentException">A duplicate source id, a blank parameter name, or a note citing an unknown source id (named).</exception>
    public ParameterProvenance(IEnumerable<ParameterSource> sources, IEnumerable<ParameterNote> notes)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(notes);
        Sources = [.. sources];
        Notes = [.. notes];
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (ParameterSource s in Sources)
        {
            Guard.NotNull(s, nameof(sources));
            ArgumentException.ThrowIfNullOrWhiteSpace(s.Id, nameof(sources));
            if (!ids.Add(s.Id))
            {
                Guard.ThrowArgument($"Parameter provenance: the source id '{s.Id}' is listed twice.", nameof(sources));
            }
        }

        foreach (ParameterNote n in Notes)
        {
            Guard.NotNull(n, nameof(notes));
            ArgumentException.ThrowIfNullOrWhiteSpace(n.Parameter, nameof(notes));
            foreach (string id in n.Sources.IsDefault ? [] : n.Sources)
            {
                if (!ids.Contains(id))
                {
                    Guard.ThrowArgument($"Parameter provenance: the note on '{n.Parameter}' cites the unknown source id '{id}'.", nameof(notes));
                }
            }
        }
    }

    /// <summary>Cited documents.</summary>
    public ImmutableArray<ParameterSource> Sources { get; }

    /// <summary>Per-parameter notes.</summary>
    public ImmutableArray<ParameterNote> Notes { get; }

    /// <summary>The notes with status <see cref="ParameterStatus.Inferred"/>.</summary>
    public IEnumerable<ParameterNote> Inferred => Notes.Where(n => n.Status == ParameterStatus.Inferred);
}
