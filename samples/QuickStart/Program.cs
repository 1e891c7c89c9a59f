Console.WriteLine("PortfolioMargin QuickStart");
