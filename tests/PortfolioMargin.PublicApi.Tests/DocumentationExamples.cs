using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PortfolioMargin.PublicApi.Tests;

/// <summary>One <c>```csharp</c> block of a Markdown document.</summary>
/// <param name="Document">The document, relative to the repository root.</param>
/// <param name="Number">1-based block number in the document.</param>
/// <param name="Line">1-based line of the block's first code line in the document.</param>
/// <param name="Heading">The nearest heading above the block.</param>
/// <param name="Code">The code as it would be pasted.</param>
public sealed record CodeBlock(string Document, int Number, int Line, string Heading, string Code)
{
    /// <inheritdoc />
    public override string ToString() => $"{Document} block {Number} (line {Line}, \"{Heading}\")";
}

/// <summary>
/// Compiles documentation examples the way a new console app (<c>dotnet new console</c> + <c>dotnet add package
/// PortfolioMargin</c>) compiles its Program.cs: top-level statements, the SDK's implicit usings, nullable enabled,
/// against the .NET reference assemblies and the PortfolioMargin assembly, with the SDK's compiler (Roslyn 5: C# 14).
/// The documents' rule: the blocks, pasted in order, are one program; the first block holds every using.
/// </summary>
public static partial class DocumentationExamples
{
    /// <summary>The implicit usings of a console app (Microsoft.NET.Sdk).</summary>
    public const string ImplicitUsings =
        "global using System;\nglobal using System.Collections.Generic;\nglobal using System.IO;\nglobal using System.Linq;\n" +
        "global using System.Net.Http;\nglobal using System.Threading;\nglobal using System.Threading.Tasks;\n";

    /// <summary>The repository root (the folder holding PortfolioMargin.sln).</summary>
    public static string Root { get; } = FindRoot();

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    /// <summary>The <c>```csharp</c> blocks of a document, in order.</summary>
    public static IReadOnlyList<CodeBlock> Blocks(string document)
    {
        string text = File.ReadAllText(Path.Combine(Root, document)).ReplaceLineEndings("\n");
        var blocks = new List<CodeBlock>();
        foreach (Match m in CSharpBlock().Matches(text))
        {
            int line = text.AsSpan(0, m.Groups[1].Index).Count('\n') + 1;
            string heading = Heading().Matches(text[..m.Index]).LastOrDefault()?.Groups[1].Value ?? "";
            blocks.Add(new CodeBlock(document, blocks.Count + 1, line, heading, m.Groups[1].Value));
        }

        return blocks;
    }

    /// <summary>
    /// Compiles <paramref name="blocks"/> pasted one after the other into one Program.cs and returns every error and
    /// warning, each located in its document (<c>README.md:57: error CS0246: …</c>).
    /// </summary>
    public static IReadOnlyList<string> Compile(IReadOnlyList<CodeBlock> blocks)
    {
        var program = new System.Text.StringBuilder();
        var origin = new List<(int ProgramLine, CodeBlock Block)>();
        int programLine = 1;
        foreach (CodeBlock b in blocks)
        {
            origin.Add((programLine, b));
            program.Append(b.Code);
            if (!b.Code.EndsWith('\n'))
            {
                program.Append('\n');
            }

            programLine += b.Code.TrimEnd('\n').Count(c => c == '\n') + 1;
        }

        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        SyntaxTree[] trees =
        [
            CSharpSyntaxTree.ParseText(ImplicitUsings, parse, "GlobalUsings.g.cs"),
            CSharpSyntaxTree.ParseText(program.ToString(), parse, "Program.cs"),
        ];
        var options = new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999);
        CSharpCompilation compilation = CSharpCompilation.Create("ReadmeExample", trees, References.Value, options);
        using var pe = new MemoryStream();
        var result = compilation.Emit(pe);
        return [.. result.Diagnostics
            .Where(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning)
            .Select(d =>
            {
                int line = d.Location.GetLineSpan().StartLinePosition.Line + 1;
                (int start, CodeBlock block) = origin.LastOrDefault(o => o.ProgramLine <= line);
                string where = block is null ? $"line {line}" : $"{block.Document}:{block.Line + line - start} ({block})";
                return $"{where}: {d.Severity.ToString().ToLowerInvariant()} {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
            })];
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = new List<string>();
        // The .NET reference pack a console app compiles against (dotnet/packs/Microsoft.NETCore.App.Ref/10.x/ref/net10.0),
        // found from the running runtime (dotnet/shared/Microsoft.NETCore.App/10.x); the runtime's own assemblies otherwise.
        string runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", ".."));
        string packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        string major = Environment.Version.Major.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string? refDir = Directory.Exists(packs)
            ? Directory.GetDirectories(packs, major + ".*").Select(v => Path.Combine(v, "ref", "net" + major + ".0")).Where(Directory.Exists).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault()
            : null;
        paths.AddRange(refDir is not null
            ? Directory.GetFiles(refDir, "*.dll")
            : ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll"));
        // The library and the packages it depends on (as a package reference brings them).
        string library = typeof(Models.MarginResult).Assembly.Location;
        paths.Add(library);
        paths.AddRange(Directory.GetFiles(Path.GetDirectoryName(library)!, "MathNet.Numerics.dll"));
        return [.. paths.Distinct(StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "PortfolioMargin.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException($"PortfolioMargin.sln not found above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^```csharp\n(.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"^#+ (.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
