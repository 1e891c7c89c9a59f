using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using PortfolioMargin.Models;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Cli.Output;

/// <summary>
/// The pieces every JSON report shares (docs/cli.md): the envelope (<c>format</c>, <c>version</c>, <c>tool</c>), a
/// margin result, a breakdown node. Numbers are written in their shortest round-trip form; a value that is not a
/// finite number is written as <c>null</c>.
/// </summary>
internal static class ReportJson
{
    /// <summary>The schema version of every report this tool writes. Any change to a report's fields raises it.</summary>
    public const int Version = 1;

    /// <summary>Writer options: indented, and non-ASCII text (names, notes) written as is.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The tool and its version, e.g. <c>portfolio-margin 0.2.0</c>.</summary>
    public static string Tool { get; } = "portfolio-margin " +
        (typeof(ReportJson).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown");

    /// <summary>Writes a whole report: the envelope, then <paramref name="body"/>'s properties, to <paramref name="output"/>.</summary>
    public static void Write(TextWriter output, string format, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("format", format);
            w.WriteNumber("version", Version);
            w.WriteString("tool", Tool);
            body(w);
            w.WriteEndObject();
        }

        output.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        output.Write('\n');
    }

    /// <summary>A number, or null when it is not finite.</summary>
    public static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>A string, or null.</summary>
    public static void String(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    /// <summary>A margin result: totals, breakdown, binding scenarios, contributions (with each position's quantity and contract size) and diagnostics.</summary>
    public static void Result(Utf8JsonWriter w, string name, MarginResult result, Portfolio book)
    {
        w.WriteStartObject(name);
        w.WriteString("model", result.Model);
        w.WriteString("currency", result.Currency.Code);
        Number(w, "initialMargin", result.InitialMargin);
        Number(w, "maintenanceMargin", result.MaintenanceMargin);
        Node(w, "breakdown", result.Breakdown);
        w.WriteStartArray("bindingScenarios");
        foreach (BindingScenario b in result.BindingScenarios)
        {
            w.WriteStartObject();
            w.WriteString("group", b.Group);
            w.WriteString("scenarioId", b.ScenarioId);
            w.WriteString("scenarioName", b.ScenarioName);
            Number(w, "loss", b.Loss);
            w.WriteStartArray("tiedScenarioIds");
            foreach (string id in b.TiedScenarioIds)
            {
                w.WriteStringValue(id);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        Contributions(w, result, book);
        Diagnostics(w, result);
        w.WriteEndObject();
    }

    /// <summary>The contributions array: one object per position in position order.</summary>
    public static void Contributions(Utf8JsonWriter w, MarginResult result, Portfolio book)
    {
        w.WriteStartArray("contributions");
        foreach (PositionContribution c in result.Contributions.OrderBy(c => c.PositionIndex))
        {
            w.WriteStartObject();
            w.WriteNumber("positionIndex", c.PositionIndex);
            w.WriteString("label", c.Label);
            w.WriteString("group", c.Group);
            if ((uint)c.PositionIndex < (uint)book.Count)
            {
                Position p = book[c.PositionIndex];
                w.WriteNumber("quantity", p.Quantity);
                w.WriteNumber("contractSize", p.Instrument.Multiplier);
            }

            Number(w, "initial", c.Initial);
            Number(w, "maintenance", c.Maintenance);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>The diagnostics array.</summary>
    public static void Diagnostics(Utf8JsonWriter w, MarginResult result)
    {
        w.WriteStartArray("diagnostics");
        foreach (MarginDiagnostic d in result.Diagnostics)
        {
            w.WriteStartObject();
            w.WriteString("code", d.Code);
            w.WriteString("message", d.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>A breakdown node and its children, recursively.</summary>
    public static void Node(Utf8JsonWriter w, string? name, MarginNode node)
    {
        if (name is null)
        {
            w.WriteStartObject();
        }
        else
        {
            w.WriteStartObject(name);
        }

        w.WriteString("name", node.Name);
        Number(w, "maintenance", node.Maintenance);
        Number(w, "initial", node.Initial);
        String(w, "note", node.Note);
        w.WriteStartArray("children");
        foreach (MarginNode c in node.Children.IsDefault ? [] : node.Children)
        {
            Node(w, null, c);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
