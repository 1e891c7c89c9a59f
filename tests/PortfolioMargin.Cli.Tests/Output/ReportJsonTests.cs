using System.Text.Json;
using PortfolioMargin.Cli.Output;
using Xunit;

namespace PortfolioMargin.Cli.Tests.Output;

/// <summary>The JSON envelope and number rules shared by every report.</summary>
public sealed class ReportJsonTests
{
    [Fact]
    public void The_envelope_has_format_version_and_tool_and_non_finite_numbers_are_null()
    {
        var writer = new StringWriter();
        ReportJson.Write(writer, "portfoliomargin/test", w =>
        {
            ReportJson.Number(w, "nan", double.NaN);
            ReportJson.Number(w, "third", 1.0 / 3);
            ReportJson.String(w, "none", null);
        });
        JsonElement json = JsonDocument.Parse(writer.ToString()).RootElement;
        Assert.Equal("portfoliomargin/test", json.GetProperty("format").GetString());
        Assert.Equal(ReportJson.Version, json.GetProperty("version").GetInt32());
        Assert.StartsWith("portfolio-margin ", json.GetProperty("tool").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("nan").ValueKind);
        Assert.Equal(1.0 / 3, json.GetProperty("third").GetDouble());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("none").ValueKind);
    }
}
