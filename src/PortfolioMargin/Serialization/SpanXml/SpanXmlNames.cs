using System.Xml;

namespace PortfolioMargin.Serialization;

/// <summary>The SPAN XML element names, atomised once in the reader's name table (compared by reference).</summary>
/// <summary>The element names, atomised once in the reader's name table.</summary>
internal sealed class SpanXmlNames(XmlNameTable t)
{
    public readonly string SpanFile = t.Add("spanFile"), FileFormat = t.Add("fileFormat"), Created = t.Add("created"), Definitions = t.Add("definitions");
    public readonly string CurrencyDef = t.Add("currencyDef"), Currency = t.Add("currency"), Symbol = t.Add("symbol"), Name = t.Add("name"), DecimalPos = t.Add("decimalPos");
    public readonly string PointInTime = t.Add("pointInTime"), Date = t.Add("date"), IsSetl = t.Add("isSetl"), ClearingOrg = t.Add("clearingOrg"), BusinessFunction = t.Add("businessFunction");
    public readonly string Ec = t.Add("ec"), PbRateDef = t.Add("pbRateDef"), IsCust = t.Add("isCust"), AcctType = t.Add("acctType"), IsM = t.Add("isM"), Pbc = t.Add("pbc");
    public readonly string PointDef = t.Add("pointDef"), ScanPointDef = t.Add("scanPointDef"), DeltaPointDef = t.Add("deltaPointDef"), Point = t.Add("point");
    public readonly string PriceScanDef = t.Add("priceScanDef"), VolScanDef = t.Add("volScanDef"), Mult = t.Add("mult"), Numerator = t.Add("numerator"), Denominator = t.Add("denominator");
    public readonly string Weight = t.Add("weight"), PairedPoint = t.Add("pairedPoint");
    public readonly string Exchange = t.Add("exchange"), Exch = t.Add("exch"), PhyPf = t.Add("phyPf"), FutPf = t.Add("futPf"), OofPf = t.Add("oofPf"), OopPf = t.Add("oopPf");
    public readonly string PfId = t.Add("pfId"), PfCode = t.Add("pfCode"), PfType = t.Add("pfType"), Cvf = t.Add("cvf"), ValueMeth = t.Add("valueMeth");
    public readonly string Phy = t.Add("phy"), Fut = t.Add("fut"), Series = t.Add("series"), Opt = t.Add("opt");
    public readonly string CId = t.Add("cId"), Pe = t.Add("pe"), P = t.Add("p"), D = t.Add("d"), V = t.Add("v"), O = t.Add("o"), K = t.Add("k"), Ra = t.Add("ra"), R = t.Add("r"), A = t.Add("a");
    public readonly string CcDef = t.Add("ccDef"), Cc = t.Add("cc"), SomMeth = t.Add("somMeth"), PfLink = t.Add("pfLink"), AdjRate = t.Add("adjRate"), BaseR = t.Add("baseR"), Val = t.Add("val");
    public readonly string ScanTiers = t.Add("scanTiers"), IntraTiers = t.Add("intraTiers"), InterTiers = t.Add("interTiers"), SomTiers = t.Add("somTiers");
    public readonly string Tier = t.Add("tier"), Tn = t.Add("tn"), SPe = t.Add("sPe"), EPe = t.Add("ePe"), Rate = t.Add("rate");
    public readonly string DSpread = t.Add("dSpread"), Spread = t.Add("spread"), ChargeMeth = t.Add("chargeMeth"), PLeg = t.Add("pLeg"), TLeg = t.Add("tLeg"), Rs = t.Add("rs"), I = t.Add("i");
    public readonly string RpLeg = t.Add("rpLeg"), PmpsRate = t.Add("pmpsRate"), VolRate = t.Add("volRate"), SpreadType = t.Add("spreadType");
    public readonly string SpotRate = t.Add("spotRate"), Sprd = t.Add("sprd"), Outr = t.Add("outr");
    public readonly string InterSpreads = t.Add("interSpreads"), SuperSpreads = t.Add("superSpreads"), InterClearSpreads = t.Add("interClearSpreads"), SuperInterClearSpreads = t.Add("superInterClearSpreads");
    public readonly string ConcAdjRate = t.Add("concAdjRate"), LiqRate = t.Add("liqRate"), BasisRates = t.Add("basisRates");
}
