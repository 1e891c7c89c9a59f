using System.Globalization;
using System.Text;
using System.Xml;
using PortfolioMargin.Models.SpanFiles;

namespace PortfolioMargin.Testing;

/// <summary>One contract of a synthetic SPAN file, as the generator wrote it.</summary>
public sealed record SyntheticContract(string CombinedCommodity, int PfId, SpanProductKind Kind, int Cid, string Period, double Strike, char Right, double Price, double[] Values, double CompositeDelta);

/// <summary>Writes deterministic synthetic SPAN XML files of any size (benchmarks and round-trip tests).</summary>
/// <remarks>Each combined commodity has one futures family and one option-on-future family with
/// a given number of expiries and strikes (calls and puts) per expiry.</remarks>
public static class SpanSyntheticFile
{
    public static IEnumerable<SyntheticContract> Contracts(int combinedCommodities, int periods, int strikes, int seed)
    {
        var rng = new Random(seed);
        for (int c = 0; c < combinedCommodities; c++)
        {
            string cc = "C" + c.ToString(CultureInfo.InvariantCulture);
            int futPf = (2 * c) + 1, optPf = (2 * c) + 2;
            for (int m = 0; m < periods; m++)
            {
                yield return new SyntheticContract(cc, futPf, SpanProductKind.Future, m + 1, Period(m), 0, ' ', Round(rng.NextDouble() * 5000), Array(rng), 1);
            }

            int cid = 1;
            for (int m = 0; m < periods; m++)
            {
                for (int k = 0; k < strikes; k++)
                {
                    foreach (char right in "CP")
                    {
                        double d = Math.Round((rng.NextDouble() * 2) - 1, 4);
                        yield return new SyntheticContract(cc, optPf, SpanProductKind.OptionOnFuture, cid++, Period(m), 1000 + (25 * k), right, Round(rng.NextDouble() * 200), Array(rng), d);
                    }
                }
            }
        }
    }

    public static void Write(Stream stream, int combinedCommodities, int periods, int strikes, int seed)
    {
        var settings = new XmlWriterSettings { Indent = true, IndentChars = " ", Encoding = new UTF8Encoding(false), CloseOutput = false };
        using var w = XmlWriter.Create(stream, settings);
        w.WriteStartElement("spanFile");
        w.WriteElementString("fileFormat", "4.00");
        w.WriteElementString("created", "202401021800");
        w.WriteStartElement("definitions");
        w.WriteStartElement("currencyDef");
        w.WriteElementString("currency", "USD");
        w.WriteElementString("symbol", "$");
        w.WriteElementString("name", "US dollar");
        w.WriteElementString("decimalPos", "2");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement("pointInTime");
        w.WriteElementString("date", "20240102");
        w.WriteElementString("isSetl", "1");
        w.WriteStartElement("clearingOrg");
        w.WriteElementString("ec", "SYN");
        w.WriteElementString("name", "Synthetic clearing");
        w.WriteStartElement("exchange");
        w.WriteElementString("exch", "SYN");
        int currentPf = -1;
        string? currentPeriod = null;
        foreach (var c in Contracts(combinedCommodities, periods, strikes, seed))
        {
            if (c.PfId != currentPf)
            {
                if (currentPf >= 0)
                {
                    if (currentPeriod is not null)
                    {
                        w.WriteEndElement(); // series
                    }

                    w.WriteEndElement(); // family
                }

                currentPf = c.PfId;
                currentPeriod = null;
                w.WriteStartElement(c.Kind == SpanProductKind.Future ? "futPf" : "oofPf");
                w.WriteElementString("pfId", Str(c.PfId));
                w.WriteElementString("pfCode", c.CombinedCommodity);
                w.WriteElementString("name", c.CombinedCommodity);
                w.WriteElementString("currency", "USD");
                w.WriteElementString("cvf", "50");
                w.WriteElementString("valueMeth", c.Kind == SpanProductKind.Future ? "FUT" : "PREM");
            }

            if (c.Kind == SpanProductKind.Future)
            {
                w.WriteStartElement("fut");
                w.WriteElementString("cId", Str(c.Cid));
                w.WriteElementString("pe", c.Period);
            }
            else
            {
                if (c.Period != currentPeriod)
                {
                    if (currentPeriod is not null)
                    {
                        w.WriteEndElement();
                    }

                    currentPeriod = c.Period;
                    w.WriteStartElement("series");
                    w.WriteElementString("pe", c.Period);
                    w.WriteElementString("t", "0.25");
                }

                w.WriteStartElement("opt");
                w.WriteElementString("cId", Str(c.Cid));
                w.WriteElementString("o", c.Right.ToString());
                w.WriteElementString("k", Str(c.Strike));
            }

            w.WriteElementString("p", Str(c.Price));
            w.WriteElementString("d", Str(c.CompositeDelta));
            w.WriteStartElement("ra");
            w.WriteElementString("r", "1");
            foreach (double a in c.Values)
            {
                w.WriteElementString("a", Str(a));
            }

            w.WriteElementString("d", Str(c.CompositeDelta));
            w.WriteEndElement(); // ra
            w.WriteEndElement(); // fut/opt
        }

        if (currentPeriod is not null)
        {
            w.WriteEndElement();
        }

        if (currentPf >= 0)
        {
            w.WriteEndElement();
        }

        w.WriteEndElement(); // exchange
        for (int c = 0; c < combinedCommodities; c++)
        {
            string cc = "C" + c.ToString(CultureInfo.InvariantCulture);
            w.WriteStartElement("ccDef");
            w.WriteElementString("cc", cc);
            w.WriteElementString("currency", "USD");
            foreach (var (id, type) in new[] { ((2 * c) + 1, "FUT"), ((2 * c) + 2, "OOF") })
            {
                w.WriteStartElement("pfLink");
                w.WriteElementString("exch", "SYN");
                w.WriteElementString("pfId", Str(id));
                w.WriteElementString("pfCode", cc);
                w.WriteElementString("pfType", type);
                w.WriteElementString("sc", "1");
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement(); // clearingOrg
        w.WriteEndElement(); // pointInTime
        w.WriteEndElement(); // spanFile
    }

    private static string Period(int m) => (202401 + ((m / 12) * 100) + (m % 12)).ToString(CultureInfo.InvariantCulture);

    private static double Round(double v) => Math.Round(v, 2);

    private static double[] Array(Random rng)
    {
        var a = new double[SpanRiskParameters.ScenarioCount];
        for (int j = 0; j < a.Length; j++)
        {
            a[j] = Round((rng.NextDouble() - 0.5) * 20000);
        }

        return a;
    }

    private static string Str(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Str(int v) => v.ToString(CultureInfo.InvariantCulture);
}
