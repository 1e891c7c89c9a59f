namespace PortfolioMargin.Cli.Tests;

/// <summary>Splits a documented command line into arguments: blanks separate, double quotes group (no escapes needed in the docs).</summary>
public static class CommandLine
{
    /// <summary>The arguments of <paramref name="line"/>, the program name first.</summary>
    public static string[] Split(string line)
    {
        var args = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false, any = false;
        foreach (char c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
                any = true;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (any)
                {
                    args.Add(current.ToString());
                    current.Clear();
                    any = false;
                }
            }
            else
            {
                current.Append(c);
                any = true;
            }
        }

        if (quoted)
        {
            throw new FormatException($"unbalanced quote in: {line}");
        }

        if (any)
        {
            args.Add(current.ToString());
        }

        return [.. args];
    }
}
