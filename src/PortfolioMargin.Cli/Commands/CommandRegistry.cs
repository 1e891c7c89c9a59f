using System.Collections.Immutable;

namespace PortfolioMargin.Cli.Commands;

/// <summary>The tool's commands, in the order <c>--help</c> lists them. A new command is one entry here.</summary>
/// <remarks>
/// Pending: <c>span</c> (an exchange SPAN file and a positions file, once the SPAN path is a margin model:
/// <c>PortfolioMargin.Models.SpanFiles.SpanFileModel</c>), and, as their issues land, <c>compare-venues</c>,
/// <c>backtest</c> and <c>venue-stress</c>. Each is an <see cref="ICliCommand"/>; a command that margins a book reuses
/// <see cref="BookOptions"/>, long work reports through <see cref="CommandContext.Progress"/>.
/// </remarks>
internal static class CommandRegistry
{
    /// <summary>Every command.</summary>
    public static ImmutableArray<ICliCommand> All { get; } =
    [
        new MarginCommand(),
        new EfficiencyCommand(),
        new WhatIfCommand(),
        new StressCommand(),
        new ValidateCommand(),
    ];
}
