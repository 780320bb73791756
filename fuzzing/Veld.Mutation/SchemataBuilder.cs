using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Veld.Mutation;

/// <summary>Writes the schemata of every area into the temporary copy. Before writing, each mutated project
/// is compiled in memory with Roslyn; a mutant the diagnostics point at is dropped and the files are
/// rewritten without it, until the project compiles.</summary>
public sealed class SchemataBuilder(string root, TextWriter log)
{
    private const int MaxRounds = 20;

    public (IReadOnlyList<Mutant> Kept, int Dropped) Build()
    {
        var excluded = new HashSet<int>();
        for (int round = 1; ; round++)
        {
            var (texts, mutants) = Rewrite(excluded);
            int before = excluded.Count;
            foreach (var project in Area.All.Select(a => a.Project).Distinct())
                excluded.UnionWith(Rejected(project, texts));
            log.WriteLine($"schemata round {round}: {mutants.Count} mutants, {excluded.Count - before} dropped for compile errors");
            if (excluded.Count == before)
            {
                foreach (var (path, text) in texts) File.WriteAllText(Path.Combine(root, path), text);
                foreach (var project in Area.All.Select(a => a.Project).Distinct())
                    File.WriteAllText(Path.Combine(root, project, MutationSwitch.FileName), MutationSwitch.Source);
                var kept = mutants.Where(m => !excluded.Contains(m.Id)).ToList();
                log.WriteLine($"schemata: {kept.Count} mutants kept, {excluded.Count} dropped in total");
                return (kept, excluded.Count);
            }
            if (round == MaxRounds) throw new InvalidOperationException($"the schemata still do not compile after {MaxRounds} rounds");
        }
    }

    /// <summary>The files of every area, in a fixed order, so ids do not depend on which area is run.</summary>
    private IEnumerable<string> MutatedFiles() =>
        Area.All.SelectMany(area => Directory.GetFiles(Path.Combine(root, area.Path), "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal));

    private (Dictionary<string, string> Texts, List<Mutant> Mutants) Rewrite(IReadOnlySet<int> excluded)
    {
        var texts = new Dictionary<string, string>();
        var mutants = new List<Mutant>();
        int nextId = 1;
        foreach (var file in MutatedFiles())
        {
            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(Path.Combine(root, file)), Parse, file);
            var rewriter = new SchemataRewriter(file, nextId, excluded);
            texts[file] = rewriter.Visit(tree.GetRoot()).ToFullString();
            mutants.AddRange(rewriter.Mutants);
            nextId = rewriter.NextId;
        }
        return (texts, mutants);
    }

    private static readonly CSharpParseOptions Parse = new(LanguageVersion.Latest, preprocessorSymbols:
        ["RELEASE", "TRACE", "NET", "NETCOREAPP", "NET10_0", .. Enumerable.Range(5, 6).Select(v => $"NET{v}_0_OR_GREATER")]);

    /// <summary>The ids of the mutants the compiler rejects in one project.</summary>
    private HashSet<int> Rejected(string project, IReadOnlyDictionary<string, string> texts)
    {
        var projectDir = Path.Combine(root, project);
        var sources = Directory.GetFiles(projectDir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(projectDir, f))
            .Concat(Directory.GetFiles(Path.Combine(projectDir, "obj", "Release", "net10.0"), "*.cs"))
            .Select(f =>
            {
                var relative = Path.GetRelativePath(root, f).Replace('\\', '/');
                var text = texts.TryGetValue(relative, out var rewritten) ? rewritten : File.ReadAllText(f);
                return CSharpSyntaxTree.ParseText(SourceText.From(text), Parse, relative);
            })
            .Append(CSharpSyntaxTree.ParseText(MutationSwitch.Source, Parse, MutationSwitch.FileName));
        var compilation = CSharpCompilation.Create(Path.GetFileName(project), sources, References(projectDir),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
                allowUnsafe: true, optimizationLevel: OptimizationLevel.Release));
        var rejected = new HashSet<int>();
        foreach (var error in compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            var culprits = Culprits(error);
            if (culprits.Count == 0) throw new InvalidOperationException($"a compile error no mutant explains: {error}");
            rejected.UnionWith(culprits);
        }
        return rejected;
    }

    private static bool IsBuildOutput(string projectDir, string file)
    {
        var first = Path.GetRelativePath(projectDir, file).Split(Path.DirectorySeparatorChar)[0];
        return first is "bin" or "obj";
    }

    /// <summary>The mutant whose mutated branch holds the error (the innermost); when the error lies outside
    /// every mutated branch (flow analysis reports at a use, not at the site), every mutant of the innermost
    /// statement around it that holds schemata.</summary>
    private static HashSet<int> Culprits(Diagnostic error)
    {
        var tree = error.Location.SourceTree;
        if (tree is null) return [];
        var node = tree.GetRoot().FindNode(error.Location.SourceSpan, getInnermostNodeForTie: true);
        foreach (var ancestor in node.AncestorsAndSelf())
        {
            if (ancestor is ConditionalExpressionSyntax schema && SchemataRewriter.IdOfCheck(schema.Condition) is { } id
                && schema.WhenTrue.Span.Contains(error.Location.SourceSpan))
                return [id];
            if (ancestor is IfStatementSyntax increment && SchemataRewriter.IdOfCheck(increment.Condition) is { } incrementId
                && increment.Statement.Span.Contains(error.Location.SourceSpan))
                return [incrementId];
        }
        foreach (var ancestor in node.AncestorsAndSelf().Where(a => a is StatementSyntax or MemberDeclarationSyntax))
        {
            var ids = Ids(ancestor);
            if (ids.Count > 0) return ids;
        }
        return [];
    }

    private static HashSet<int> Ids(SyntaxNode scope) =>
        scope.DescendantNodesAndSelf()
            .Select(n => n switch
            {
                ConditionalExpressionSyntax c => SchemataRewriter.IdOfCheck(c.Condition),
                IfStatementSyntax i => SchemataRewriter.IdOfCheck(i.Condition),
                _ => null,
            })
            .OfType<int>()
            .ToHashSet();

    /// <summary>The framework's reference assemblies and the project's dependencies, built beside it.</summary>
    private static IEnumerable<MetadataReference> References(string projectDir)
    {
        var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", ".."));
        var refPack = Directory.Exists(Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref"))
            ? Directory.GetDirectories(Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref"))
                .Select(v => Path.Combine(v, "ref", "net10.0")).Where(Directory.Exists).Order().LastOrDefault()
            : null;
        var framework = Directory.GetFiles(refPack ?? runtimeDir, "*.dll")
            .Where(f => refPack is not null || IsManagedFacade(f));
        var self = Path.GetFileName(projectDir) + ".dll";
        var dependencies = Directory.GetFiles(Path.Combine(projectDir, "bin", "Release", "net10.0"), "*.dll")
            .Where(f => Path.GetFileName(f) != self);
        return framework.Concat(dependencies).Select(f => MetadataReference.CreateFromFile(f));
    }

    private static bool IsManagedFacade(string file) =>
        Path.GetFileName(file).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(file) is "mscorlib.dll" or "netstandard.dll";
}
