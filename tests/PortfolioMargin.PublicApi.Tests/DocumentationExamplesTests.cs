using Xunit;

namespace PortfolioMargin.PublicApi.Tests;

/// <summary>
/// Every C# example of the README, the getting-started guide, the file-format page and the package README compiles as
/// pasted into a new console app: all of a document's blocks in order as one Program.cs, and each block after the
/// first with only the first (which holds the usings and the shared setup), so a failure names its block.
/// </summary>
public sealed partial class DocumentationExamplesTests
{
    private static readonly string[] DocumentList = ["README.md", "docs/getting-started.md", "docs/file-formats.md", "src/PortfolioMargin/README.md"];

    public static TheoryData<string> Documents => [.. DocumentList];

    [Theory]
    [MemberData(nameof(Documents))]
    public void All_blocks_in_order_compile_as_one_console_program(string document)
    {
        IReadOnlyList<CodeBlock> blocks = DocumentationExamples.Blocks(document);
        Assert.NotEmpty(blocks);
        IReadOnlyList<string> problems = DocumentationExamples.Compile(blocks);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Each_block_compiles_after_the_first(string document)
    {
        IReadOnlyList<CodeBlock> blocks = DocumentationExamples.Blocks(document);
        var failures = new List<string>();
        foreach (CodeBlock block in blocks.Skip(1))
        {
            IReadOnlyList<string> problems = DocumentationExamples.Compile([blocks[0], block]);
            failures.AddRange(problems);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Only_the_first_block_of_a_document_has_using_directives()
    {
        var offenders = DocumentList.SelectMany(d => DocumentationExamples.Blocks(d).Skip(1))
            .Where(b => b.Code.Split('\n').Any(UsingDirective().IsMatch));
        Assert.Empty(offenders.Select(b => b.ToString()));
    }

    [Fact]
    public void A_broken_example_is_reported_at_its_line_in_the_document()
    {
        var good = new CodeBlock("X.md", 1, 10, "setup", "using PortfolioMargin;\nvar usd = Currency.Usd;\n");
        var bad = new CodeBlock("X.md", 2, 20, "broken", "Console.WriteLine(usd);\nNoSuchType x = null!;\n");
        IReadOnlyList<string> problems = DocumentationExamples.Compile([good, bad]);
        Assert.Contains(problems, p => p.StartsWith("X.md:21 (X.md block 2 (line 20, \"broken\")): error CS0246", StringComparison.Ordinal));
        Assert.Empty(DocumentationExamples.Compile([good]));
    }

    // "using X.Y;", "using static X.Y;", "using A = X.Y;" — not a using declaration such as "using TextReader r = …;".
    [System.Text.RegularExpressions.GeneratedRegex(@"^using\s+(static\s+)?(\w+\s*=\s*)?[\w.]+(<[^>]*>)?\s*;\s*$")]
    private static partial System.Text.RegularExpressions.Regex UsingDirective();
}
