using System.Collections.Immutable;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>What a spread leg refers to.</summary>
public enum SpanLegKind
{
    /// <summary>A period leg (<c>pLeg</c>): the net delta of one period code.</summary>
    Period,

    /// <summary>A tier leg (<c>tLeg</c>): the net delta of a tier (the sum over the tier's periods).</summary>
    Tier,
}
