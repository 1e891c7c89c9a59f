using System.Globalization;
using PortfolioMargin;
using PortfolioMargin.Correlation;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;
using QuickStart;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

Console.WriteLine("PortfolioMargin correlation repair sample");
Console.WriteLine("A risk model needs a valid correlation matrix: symmetric, unit diagonal, entries in [-1, 1] and positive");
Console.WriteLine("semi-definite (no negative eigenvalue, so no portfolio gets a negative variance). The library never repairs");
Console.WriteLine("silently: it rejects an invalid matrix and names the problem, and a repair is an explicit, reported step.");

string[] labels = ["BTC", "ETH", "SOL", "XRP", "DOGE"];

// 1. What validation rejects, and how the error names the entry.
Table.Section("1. Validation: each matrix is rejected with the rule broken and the entry");
(string What, double[,] Matrix)[] invalid =
[
    ("typo: ETH-SOL entered as 1.8", new double[,] { { 1, 0.8, 0.7 }, { 0.8, 1, 1.8 }, { 0.7, 1.8, 1 } }),
    ("asymmetric: BTC-SOL 0.7 but SOL-BTC 0.6", new double[,] { { 1, 0.8, 0.7 }, { 0.8, 1, 0.75 }, { 0.6, 0.75, 1 } }),
    ("pairwise estimates from different windows", new double[,] { { 1, 0.9, 0.9 }, { 0.9, 1, -0.2 }, { 0.9, -0.2, 1 } }),
];
foreach ((string what, double[,] m) in invalid)
{
    try
    {
        _ = new CorrelationMatrix(labels[..3], m);
        Console.WriteLine($"{what}: accepted");
    }
    catch (MatrixValidationException ex)
    {
        string entry = ex.RowLabel is null ? "" : $" at {ex.RowLabel}/{ex.ColumnLabel}";
        Console.WriteLine($"{what}: rule {ex.Rule}{entry}");
        Console.WriteLine($"  {ex.Message}");
    }
}

// 2. A 5-factor matrix assembled from pairwise estimates: every entry plausible, the whole inconsistent.
double[,] assembled =
{
    { 1.00, 0.92, 0.85, 0.30, 0.75 },
    { 0.92, 1.00, 0.20, 0.70, 0.80 },
    { 0.85, 0.20, 1.00, 0.65, -0.30 },
    { 0.30, 0.70, 0.65, 1.00, 0.60 },
    { 0.75, 0.80, -0.30, 0.60, 1.00 },
};
Table.Section("2. A 5-factor matrix assembled from pairwise estimates (every entry in [-1, 1])");
Console.WriteLine(Format(labels, assembled));
Console.WriteLine($"PSD check: {PsdCheck.IsPositiveSemiDefinite(assembled)}; smallest eigenvalue {PsdCheck.SmallestEigenvalue(assembled):F6} (must be >= -1e-10)");
Console.WriteLine("A portfolio along that eigenvector would have a negative variance: VaR would be the square root of a negative number.");

// 3. Repairs side by side.
RepairResult nearest = NearestCorrelation.Repair(labels, assembled);
RepairResult plain = NearestCorrelation.Repair(labels, assembled, new NearestCorrelationOptions { Method = RepairMethod.AlternatingProjections });
RepairResult clipped = EigenvalueClipping.Repair(labels, assembled);
RepairResult clippedFloor = EigenvalueClipping.Repair(labels, assembled, floor: 0.01);
var protectBtcEth = new NearestCorrelationOptions { Weights = [10, 10, 1, 1, 1] };
RepairResult weighted = NearestCorrelation.Repair(labels, assembled, protectBtcEth);

Table.Section("3. Repairs compared: nearest correlation (Higham) vs eigenvalue clipping");
Console.WriteLine("distance = ||X - A||_F to the input; max change = largest entry change; BTC-ETH after repair (input 0.92)");
Table.Print(["method", "iterations", "converged", "distance", "max change", "lambda_min after", "BTC-ETH"],
    new (string Name, RepairResult R)[]
    {
        ("nearest, Anderson-accelerated (default)", nearest),
        ("nearest, plain alternating projections", plain),
        ("nearest, weights 10 on BTC and ETH", weighted),
        ("eigenvalue clipping at 0", clipped),
        ("eigenvalue clipping at 0.01", clippedFloor),
    }.Select(x => new[]
    {
        x.Name, x.R.Iterations.ToString(CultureInfo.InvariantCulture), x.R.Converged ? "yes" : "no", Table.Num(x.R.FrobeniusDistance, 4),
        Table.Num(MaxChange(assembled, x.R.Matrix), 4), x.R.SmallestEigenvalueAfter.ToString("G3", CultureInfo.InvariantCulture), Table.Num(x.R.Matrix["BTC", "ETH"], 4),
    }));
Console.WriteLine("Nearest correlation is the closest valid matrix (smallest distance); clipping is one eigendecomposition, further away.");
Console.WriteLine("Weights keep chosen factors' correlations closer to the input at the cost of the others.");
Console.WriteLine();
Console.WriteLine("Nearest correlation matrix (RepairResult.ToString()):");
Console.WriteLine(nearest.ToString());
Console.WriteLine();
Console.WriteLine("Change per entry (repaired - input):");
Console.WriteLine(Format(labels, Diff(nearest.Matrix, assembled), signed: true));

// 4. Stress: override a block, or blend everything towards 1.
var baseMatrix = nearest.Matrix;
RepairResult block = CorrelationStress.SetBlock(baseMatrix, ["BTC", "ETH", "SOL"], 0.98);
CorrelationMatrix crash = CorrelationStress.BlendTowardsOne(baseMatrix, 0.5);
Table.Section("4. Stress: BTC/ETH/SOL block set to 0.98 (CorrelationStress.SetBlock), and a 50 % blend towards all ones");
Console.WriteLine("Setting a block breaks PSD when the block's members keep different correlations to the other factors;");
Console.WriteLine("SetBlock repairs explicitly and reports it:");
Console.WriteLine("  " + block.Summary());
Console.WriteLine(block.Matrix.ToString());
Console.WriteLine($"  the block is no longer exactly 0.98 (BTC-ETH {block.Matrix["BTC", "ETH"]:F4}, ETH-SOL {block.Matrix["ETH", "SOL"]:F4}):");
Console.WriteLine("  the repair moves entries inside and outside the block; pass weights to choose what moves.");
Console.WriteLine();
Console.WriteLine($"BlendTowardsOne(0.5): c' = 0.5 c + 0.5, valid by construction (no repair); smallest eigenvalue {crash.SmallestEigenvalue():F4}");
Console.WriteLine(crash.ToString());

// 5. Why it matters: the same long/short book under each matrix.
Table.Section("5. Delta-normal VaR (99 %, 1 day) of one long/short book under each matrix");
var now = new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
(string Symbol, double Spot, double Vol, double Quantity)[] legs =
[
    ("BTC", 95_000, 0.55, 4), ("ETH", 3_400, 0.70, -60), ("SOL", 240, 0.85, 600), ("XRP", 1.40, 0.90, -80_000), ("DOGE", 0.38, 1.00, 150_000),
];
var market = new MarketSnapshot(now, Currency.Usd).WithRate(Currency.Usd, 0.0);
var positions = new List<Position>();
foreach (var leg in legs)
{
    var u = new Underlying(leg.Symbol, new Currency(leg.Symbol), Currency.Usd);
    market = market.WithSpot(u, leg.Spot);
    positions.Add(new Position(new SpotInstrument(u), leg.Quantity));
}

var book = ResolvedPortfolio.Resolve(new Portfolio(positions), market);
double[] vols = [.. legs.Select(l => l.Vol)];
Console.WriteLine("Book (USD): " + string.Join(", ", legs.Select(l => $"{l.Symbol} {l.Quantity * l.Spot:N0}")));
try
{
    _ = VaRFactors.Create(labels, vols, assembled, VolatilityUnit.Annual, daysPerYear: 365);
}
catch (MatrixValidationException ex)
{
    Console.WriteLine($"Assembled matrix as given: refused by VaRFactors ({ex.Rule}); pass CorrelationRepair.NearestCorrelation to repair and record it.");
}

var options = new VaROptions { Confidence = 0.99, HorizonDays = 1 };
VaRFactors repairedByFactors = VaRFactors.Create(labels, vols, assembled, VolatilityUnit.Annual, daysPerYear: 365, repair: CorrelationRepair.NearestCorrelation);
Table.Print(["correlation", "VaR USD", "ES USD", "diversification benefit"],
    new (string Name, VaRFactors Factors)[]
    {
        ("repaired by VaRFactors (nearest)", repairedByFactors),
        ("eigenvalue clipping at 0", VaRFactors.Create(clipped.Matrix, vols, VolatilityUnit.Annual, 365)),
        ("block stress BTC/ETH/SOL 0.98", VaRFactors.Create(block.Matrix, vols, VolatilityUnit.Annual, 365)),
        ("blend 50 % towards ones", VaRFactors.Create(crash, vols, VolatilityUnit.Annual, 365)),
        ("identity (no correlation)", VaRFactors.Create(CorrelationMatrix.Identity(labels), vols, VolatilityUnit.Annual, 365)),
    }.Select(x =>
    {
        VaRDecomposition d = new DeltaNormalVaR(x.Factors, options).Decompose(book);
        return new[] { x.Name, Table.Num(d.ValueAtRisk, 0), Table.Num(d.ExpectedShortfall, 0), Table.Num(d.DiversificationBenefit, 0) };
    }));
Console.WriteLine("Higher correlations lower this VaR: the book is long BTC/SOL/DOGE against short ETH/XRP, so the hedges work better.");
Console.WriteLine("A correlation stress raises the VaR of a one-directional book and can lower it for a hedged one: check both ways.");
Console.WriteLine($"VaRFactors records the repair it made: {repairedByFactors.Repair?.Summary()}");

static double MaxChange(double[,] input, CorrelationMatrix repaired)
{
    double max = 0;
    for (int i = 0; i < repaired.Count; i++)
    {
        for (int j = 0; j < repaired.Count; j++)
        {
            max = Math.Max(max, Math.Abs(repaired[i, j] - input[i, j]));
        }
    }

    return max;
}

static double[,] Diff(CorrelationMatrix repaired, double[,] input)
{
    var d = new double[repaired.Count, repaired.Count];
    for (int i = 0; i < repaired.Count; i++)
    {
        for (int j = 0; j < repaired.Count; j++)
        {
            d[i, j] = repaired[i, j] - input[i, j];
        }
    }

    return d;
}

static string Format(string[] names, double[,] m, bool signed = false)
{
    string format = signed ? "+0.0000;-0.0000; 0.0000" : "0.0000";
    var lines = new List<string> { "      " + string.Concat(names.Select(n => n.PadLeft(9))) };
    for (int i = 0; i < names.Length; i++)
    {
        lines.Add(names[i].PadRight(6) + string.Concat(Enumerable.Range(0, names.Length).Select(j => m[i, j].ToString(format, CultureInfo.InvariantCulture).PadLeft(9))));
    }

    return string.Join(Environment.NewLine, lines);
}
