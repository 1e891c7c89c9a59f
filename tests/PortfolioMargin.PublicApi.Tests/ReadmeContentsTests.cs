using Xunit;

namespace PortfolioMargin.PublicApi.Tests;

/// <summary>The README names every sample and links the guides and references.</summary>
public sealed class ReadmeContentsTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(DocumentationExamples.Root, "README.md"));

    [Fact]
    public void The_samples_list_names_every_sample()
    {
        string list = Readme[Readme.IndexOf("Samples:", StringComparison.Ordinal)..];
        list = list[..list.IndexOf("\n\n", StringComparison.Ordinal)];
        string[] samples = [.. Directory.GetDirectories(Path.Combine(DocumentationExamples.Root, "samples")).Select(d => Path.GetFileName(d)!)];
        Assert.NotEmpty(samples);
        Assert.All(samples, s => Assert.Contains($"`{s}`", list, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("docs/getting-started.md")]
    [InlineData("docs/cli.md")]
    [InlineData("docs/file-formats.md")]
    [InlineData("docs/releasing.md")]
    [InlineData("examples/README.md")]
    public void The_readme_links_the_guide(string path)
    {
        Assert.Contains($"]({path})", Readme, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(DocumentationExamples.Root, path)), path);
    }
}
