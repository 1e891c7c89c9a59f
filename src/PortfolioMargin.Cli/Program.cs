using PortfolioMargin.Cli;

return CliApp.Run(args, CliConsole.FromProcess());
