namespace PortfolioMargin.Scenarios;

/// <summary>Where a preset's parameters come from: publisher, document, address, date, and what could not be verified. Immutable.</summary>
/// <param name="Publisher">Who published the methodology, e.g. <c>Deribit</c>.</param>
/// <param name="Document">Title of the document or page.</param>
/// <param name="Url">Address of the document as cited.</param>
/// <param name="AsOf">Date of the cited methodology (publication or effective date); null when the source is undated.</param>
/// <param name="Notes">How the numbers were read, interpretations made, and which parameters are not published in the source.</param>
public sealed record MethodologySource(string Publisher, string Document, string Url, DateOnly? AsOf, string Notes);

/// <summary>A named scenario preset: immutable parameter data with a cited source that builds its scenario set.</summary>
public interface IScenarioPreset
{
    /// <summary>Display name of the preset.</summary>
    string Name { get; }

    /// <summary>The methodology the parameters come from.</summary>
    MethodologySource Source { get; }

    /// <summary>Date of the cited methodology; null when the source is undated (see <see cref="MethodologySource.Notes"/>).</summary>
    DateOnly? AsOf { get; }

    /// <summary>Builds the preset's scenario set (default shocks: every scenario applies to every underlying).</summary>
    /// <returns>The scenario set, named <see cref="Name"/>.</returns>
    ScenarioSet Build();
}
