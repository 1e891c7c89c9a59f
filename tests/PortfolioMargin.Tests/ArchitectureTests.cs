using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;
using PortfolioMargin.Models;
using Xunit;

namespace PortfolioMargin.Tests;

/// <summary>
/// The layer rules of docs/architecture.md, checked on what the compiled library really references: every type's base
/// types, interfaces, fields, signatures and every type, method and field its method bodies touch (IL tokens), each
/// mapped to the source folder that declares it.
/// </summary>
public sealed partial class ArchitectureTests
{
    /// <summary>Model folders under Models/ that are not models but what models share (they may not import a model folder).</summary>
    private static readonly HashSet<string> SharedModelFolders = ["Models", "Models/Capabilities", "Models/GroupArithmetic", "Models/Common", "Models/Reports"];

    /// <summary>Layers in order: a layer may import its own and lower layers only.</summary>
    private static readonly string[] Layers = ["Domain", "Kernels", "Resolution", "Revaluation", "Models", "RealTime", "Venue", "Solvency", "Serialization"];

    [Fact]
    public void The_library_keeps_its_layer_rules()
    {
        IReadOnlyList<(string From, string To, string Example)> edges = FolderEdges();
        Assert.NotEmpty(edges); // the scan found the library's references
        IReadOnlyList<string> problems = Violations(edges);
        Assert.True(problems.Count == 0, "Layer rules broken:\n" + string.Join("\n", problems));
    }

    [Theory]
    [InlineData("Models/VaR", "RealTime", "models import the real-time layer")]
    [InlineData("Domain/MarketData", "Kernels/Pricing", "the domain imports pricing")]
    [InlineData("Domain/Portfolios", "Models", "the domain imports models")]
    [InlineData("Kernels/Pricing", "Models/Grid", "kernels import a model")]
    [InlineData("Models/Grid", "Models/SpanFiles", "one model folder imports another")]
    [InlineData("Models/Reports", "Models/Deribit", "a shared model folder imports a model")]
    [InlineData("RealTime", "Models/Grid", "real time imports a concrete model")]
    [InlineData("Models/SpanFiles", "Serialization/SpanXml", "a model imports a file format")]
    public void Each_rule_catches_its_violation(string from, string to, string rule)
    {
        Assert.NotEmpty(Violations([(from, to, rule)]));
    }

    [Theory]
    [InlineData("Models/Grid", "Models/GroupArithmetic")]
    [InlineData("Models/SpanFiles", "Models/Capabilities")]
    [InlineData("Resolution", "Kernels/Pricing")]
    [InlineData("Revaluation", "Resolution")]
    [InlineData("RealTime", "Models/Capabilities")]
    [InlineData("Serialization/SpanXml", "Models/SpanFiles")]
    [InlineData("Solvency/Backtesting", "Models/VaR")]
    public void Allowed_imports_pass(string from, string to)
    {
        Assert.Empty(Violations([(from, to, "allowed")]));
    }

    /// <summary>Every broken rule among folder-to-folder references.</summary>
    internal static IReadOnlyList<string> Violations(IEnumerable<(string From, string To, string Example)> edges)
    {
        var problems = new List<string>();
        foreach ((string from, string to, string example) in edges)
        {
            if (from == to)
            {
                continue;
            }

            int lf = LayerOf(from), lt = LayerOf(to);
            if (lt > lf)
            {
                problems.Add($"{from} imports {to} (a higher layer): {example}");
            }
            else if (IsModelFolder(from) && IsModelFolder(to))
            {
                problems.Add($"model folder {from} imports model folder {to}: {example}");
            }
            else if (SharedModelFolders.Contains(from) && IsModelFolder(to))
            {
                problems.Add($"shared model folder {from} imports model folder {to}: {example}");
            }
            else if (Top(from) == "RealTime" && IsModelFolder(to))
            {
                problems.Add($"real time ({from}) imports a concrete model ({to}) instead of the model interfaces: {example}");
            }
        }

        return problems;
    }

    private static string Top(string folder) => folder.Split('/')[0];

    private static int LayerOf(string folder)
    {
        string top = Top(folder);
        int i = Array.IndexOf(Layers, top);
        return i >= 0 ? i : throw new InvalidOperationException($"Folder {folder} belongs to no layer of docs/architecture.md.");
    }

    private static bool IsModelFolder(string folder) => folder.StartsWith("Models/", StringComparison.Ordinal) && !SharedModelFolders.Contains(TwoLevels(folder));

    private static string TwoLevels(string folder) => string.Join('/', folder.Split('/').Take(2));

    /// <summary>Folder-to-folder references of the library (two levels deep: <c>Models/Grid</c>, <c>Domain/MarketData</c>, <c>RealTime</c>).</summary>
    private static IReadOnlyList<(string From, string To, string Example)> FolderEdges()
    {
        Dictionary<string, string> folderOf = SourceFolders();
        Assembly library = typeof(IMarginModel).Assembly;
        var edges = new Dictionary<(string, string), string>();
        foreach (Type type in library.GetTypes())
        {
            string? from = FolderOf(type, folderOf);
            if (from is null)
            {
                continue;
            }

            foreach (Type used in References(type))
            {
                if (used.Assembly == library && FolderOf(used, folderOf) is { } to && to != from)
                {
                    edges.TryAdd((from, to), $"{type.FullName} uses {used.FullName}");
                }
            }
        }

        return [.. edges.Select(e => (e.Key.Item1, e.Key.Item2, e.Value))];
    }

    private static string? FolderOf(Type type, Dictionary<string, string> folderOf)
    {
        Type t = type;
        while (t.DeclaringType is not null)
        {
            t = t.DeclaringType;
        }

        string name = t.FullName ?? t.Name;
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        name = tick >= 0 ? name[..tick] : name;
        return folderOf.TryGetValue(name, out string? folder) ? folder : null;
    }

    /// <summary>Namespace-qualified top-level type name → its source folder (two levels deep), from the source tree.</summary>
    private static Dictionary<string, string> SourceFolders()
    {
        string src = Path.Combine(RepositoryRoot(), "src", "PortfolioMargin");
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(src, file).Replace('\\', '/');
            if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal) || !relative.Contains('/', StringComparison.Ordinal))
            {
                continue;
            }

            string folder = TwoLevels(relative[..relative.LastIndexOf('/')]);
            string text = File.ReadAllText(file);
            string ns = Namespace().Match(text).Groups[1].Value;
            foreach (Match m in TopLevelType().Matches(text))
            {
                result.TryAdd($"{ns}.{m.Groups[1].Value}", folder);
            }
        }

        return result;
    }

    private static string RepositoryRoot()
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

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"^(?:\[[^\]]*\]\s*)*(?:public|internal|file)\s+(?:(?:sealed|static|abstract|readonly|partial|ref)\s+)*(?:record\s+struct|record\s+class|record|class|struct|interface|enum)\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex TopLevelType();

    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Every type <paramref name="type"/> references in its declaration and its method bodies.</summary>
    private static HashSet<Type> References(Type type)
    {
        var found = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null)
            {
                return;
            }

            if (t.HasElementType)
            {
                Add(t.GetElementType());
                return;
            }

            if (found.Add(t) && t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                foreach (Type a in t.GetGenericArguments())
                {
                    Add(a);
                }
            }

            if (t.IsGenericType)
            {
                found.Add(t.GetGenericTypeDefinition());
            }
        }

        Add(type.BaseType);
        foreach (Type i in type.GetInterfaces())
        {
            Add(i);
        }

        foreach (FieldInfo f in type.GetFields(All))
        {
            Add(f.FieldType);
        }

        foreach (MethodBase m in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            if (m is MethodInfo mi)
            {
                Add(mi.ReturnType);
            }

            foreach (ParameterInfo p in m.GetParameters())
            {
                Add(p.ParameterType);
            }

            foreach (MemberInfo used in BodyReferences(m))
            {
                Add(used as Type ?? used.DeclaringType);
                if (used is MethodInfo called)
                {
                    Add(called.ReturnType);
                }
                else if (used is FieldInfo field)
                {
                    Add(field.FieldType);
                }
            }
        }

        return found;
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue =
        typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>The members and types a method body's IL refers to by token.</summary>
    private static IEnumerable<MemberInfo> BodyReferences(MethodBase method)
    {
        byte[]? il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        Type[]? typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        Type[]? methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int pos = 0;
        while (pos < il.Length)
        {
            short value = il[pos] == 0xFE && pos + 1 < il.Length ? (short)(0xFE00 | il[pos + 1]) : il[pos];
            pos += il[pos] == 0xFE ? 2 : 1;
            if (!OpCodesByValue.TryGetValue(value, out OpCode op))
            {
                yield break; // not decodable: stop rather than misread
            }

            int size = OperandSize(op.OperandType, il, pos);
            if (op.OperandType is OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType)
            {
                MemberInfo? member = null;
                try
                {
                    member = method.Module.ResolveMember(BitConverter.ToInt32(il, pos), typeArgs, methodArgs);
                }
                catch (ArgumentException)
                {
                }

                if (member is not null)
                {
                    yield return member;
                }
            }

            pos += size;
        }
    }

    private static int OperandSize(OperandType type, byte[] il, int pos) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, pos)),
        _ => 4,
    };
}
