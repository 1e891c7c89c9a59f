using System.Globalization;
using System.Text;

namespace PortfolioMargin.Tests.Models.SpanFiles;

/// <summary>Small hand-made SPAN XML fixtures, written in code (no csproj change needed). Numbers are chosen so every
/// expected figure can be computed by hand in the tests.</summary>
internal static class SpanFixtures
{
    /// <summary>McMillan (ch. 34) long-future profit array; the file's arrays are losses, so fixtures use the negation.</summary>
    public static readonly double[] McMillanFuture = [0, 0, 3330, 3330, -3330, -3330, 6670, 6670, -6670, -6670, 10000, 10000, -10000, -10000, 7000, -7000];

    /// <summary>McMillan long Dec 410 call profit array.</summary>
    public static readonly double[] McMillanCall = [460, -610, 2640, 1730, -1270, -2340, 5210, 4540, -2540, -3430, 8060, 7640, -3380, -3990, 3130, -1500];

    /// <summary>A unit futures loss profile: −McMillanFuture / 10000, so its maximum loss is 1 (scenarios 13, 14) and its minimum −1 (11, 12).</summary>
    public static double[] Unit(double scale) => [.. McMillanFuture.Select(v => -v / 10000 * scale)];

    public static double[] Loss(double[] profit) => [.. profit.Select(v => -v)];

    public static string S(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    public static string Ra(double[] a, double d, int r = 1)
    {
        var sb = new StringBuilder();
        sb.Append("<ra><r>").Append(r).Append("</r>");
        foreach (double v in a)
        {
            sb.Append("<a>").Append(S(v)).Append("</a>");
        }

        return sb.Append("<d>").Append(S(d)).Append("</d></ra>").ToString();
    }

    public static string Fut(int cid, string pe, double[] a, double d = 1, double p = 100) =>
        $"<fut><cId>{cid}</cId><pe>{pe}</pe><p>{S(p)}</p><d>{S(d)}</d>{Ra(a, d)}</fut>";

    public static string Phy(int cid, string pe, double[] a, double p = 100) =>
        $"<phy><cId>{cid}</cId><pe>{pe}</pe><p>{S(p)}</p><d>1</d>{Ra(a, 1)}</phy>";

    public static string Opt(int cid, char o, double k, double p, double[] a, double d) =>
        $"<opt><cId>{cid}</cId><o>{o}</o><k>{S(k)}</k><p>{S(p)}</p><d>{S(d)}</d>{Ra(a, d)}</opt>";

    public static string Series(string pe, params string[] opts) => $"<series><pe>{pe}</pe><t>0.25</t>{string.Concat(opts)}</series>";

    public static string Pf(string element, int pfId, string code, string body, double cvf = 1, string currency = "USD", string valueMeth = "") =>
        $"<{element}><pfId>{pfId}</pfId><pfCode>{code}</pfCode><name>{code}</name><currency>{currency}</currency><cvf>{S(cvf)}</cvf>{(valueMeth.Length > 0 ? $"<valueMeth>{valueMeth}</valueMeth>" : string.Empty)}{body}</{element}>";

    public static string PfLink(int pfId, string type, string exch = "X") => $"<pfLink><exch>{exch}</exch><pfId>{pfId}</pfId><pfType>{type}</pfType><sc>1</sc></pfLink>";

    public static string CcDef(string cc, string body, string currency = "USD") => $"<ccDef><cc>{cc}</cc><name>{cc}</name><currency>{currency}</currency>{body}</ccDef>";

    public static string PLeg(string cc, string pe, char side, double i = 1) => $"<pLeg><cc>{cc}</cc><pe>{pe}</pe><rs>{side}</rs><i>{S(i)}</i></pLeg>";

    public static string TLeg(string cc, int tn, char side, double i = 1) => $"<tLeg><cc>{cc}</cc><tn>{tn}</tn><rs>{side}</rs><i>{S(i)}</i></tLeg>";

    public static string Spread(int priority, double rate, string method, params string[] legs) =>
        $"<dSpread><spread>{priority}</spread><chargeMeth>{method}</chargeMeth><rate><r>1</r><val>{S(rate)}</val></rate>{string.Concat(legs)}</dSpread>";

    public static string Tiers(string element, params (int Tn, string? Start, string? End, double? Rate)[] tiers) =>
        $"<{element}>" + string.Concat(tiers.Select(t =>
            $"<tier><tn>{t.Tn}</tn>{(t.Start is null ? string.Empty : $"<sPe>{t.Start}</sPe>")}{(t.End is null ? string.Empty : $"<ePe>{t.End}</ePe>")}{(t.Rate is { } r ? $"<rate><r>1</r><val>{S(r)}</val></rate>" : string.Empty)}</tier>")) + $"</{element}>";

    /// <summary>The standard 16-point definition: price moves 0, 0, ±1/3, ±2/3, ±1 (vol up/down pairs), then ±3 extremes.</summary>
    public static string PointDef()
    {
        double[] price = [0, 0, 1.0 / 3, 1.0 / 3, -1.0 / 3, -1.0 / 3, 2.0 / 3, 2.0 / 3, -2.0 / 3, -2.0 / 3, 1, 1, -1, -1, 3, -3];
        var sb = new StringBuilder("<pointDef><r>1</r>");
        for (int j = 0; j < 16; j++)
        {
            int paired = j < 14 ? (j % 2 == 0 ? j + 2 : j) : 0;
            double vol = j < 14 ? (j % 2 == 0 ? 1 : -1) : 0;
            sb.Append(CultureInfo.InvariantCulture, $"<scanPointDef><point>{j + 1}</point><priceScanDef><mult>{S(price[j])}</mult></priceScanDef><volScanDef><mult>{S(vol)}</mult></volScanDef><weight>{(j < 14 ? "1" : "0.35")}</weight><pairedPoint>{paired}</pairedPoint></scanPointDef>");
        }

        return sb.Append("<deltaPointDef><point>1</point><priceScanDef><mult>0</mult></priceScanDef><volScanDef><mult>0</mult></volScanDef><weight>1</weight></deltaPointDef></pointDef>").ToString();
    }

    /// <summary>A whole file: one exchange <c>X</c> holding <paramref name="families"/>, then the ccDefs and inter spreads.</summary>
    public static string File(string families, string ccDefs, string interSpreads = "", string format = "4.00", string extraClearingOrg = "") =>
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <spanFile>
        <fileFormat>{format}</fileFormat>
        <created>202401021800</created>
        <definitions><currencyDef><currency>USD</currency><symbol>$</symbol><name>US dollar</name><decimalPos>2</decimalPos></currencyDef></definitions>
        <pointInTime>
        <date>20240102</date>
        <isSetl>1</isSetl>
        <clearingOrg>
        <ec>TST</ec>
        <name>Test clearing</name>
        {PointDef()}
        <exchange>
        <exch>X</exch>
        {families}
        </exchange>
        {ccDefs}
        {(interSpreads.Length == 0 ? string.Empty : $"<interSpreads>{interSpreads}</interSpreads>")}
        {extraClearingOrg}
        </clearingOrg>
        </pointInTime>
        </spanFile>
        """;

    /// <summary>McMillan grid: future F (cId 1, 202412) and Dec 410 call C (cId 2), CME-style per contract, cvf 500 ($ per point),
    /// call price 8 points → premium $4,000.</summary>
    public static string McMillan(string ccExtra = "") => File(
        Pf("futPf", 1, "SP", Fut(1, "202412", Loss(McMillanFuture), d: 1, p: 410)) +
        Pf("oofPf", 2, "SP", Series("202412", Opt(2, 'C', 410, 8, Loss(McMillanCall), 0.55)), cvf: 500, valueMeth: "PREM"),
        CcDef("SP", PfLink(1, "FUT") + PfLink(2, "OOF") + ccExtra));

    /// <summary>CME-style futures calendar (cc ES): months 202403, 202406, 202409, 202412 (cIds 1…4), identical arrays scaled so
    /// one long contract loses 1,000 at most (scenarios 13, 14).</summary>
    public static string Calendar(string ccBody) => File(
        Pf("futPf", 1, "ES", Fut(1, "202403", Unit(1000)) + Fut(2, "202406", Unit(1000)) + Fut(3, "202409", Unit(1000)) + Fut(4, "202412", Unit(1000)), cvf: 50),
        CcDef("ES", PfLink(1, "FUT") + ccBody));
}
