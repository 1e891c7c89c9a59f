namespace PortfolioMargin.Solvency;

/// <summary>Who defaults in a Cover-n calculation.</summary>
public enum DefaulterLevel : byte
{
    /// <summary>A member: a group of accounts (<see cref="VenueStressOptions.Members"/>); default.</summary>
    Member = 0,

    /// <summary>A single account.</summary>
    Account = 1,
}
