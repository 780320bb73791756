using Veld.Language;
using Veld.Runtime;

namespace Veld.StackVm.Tests;

/// <summary>
/// Every corpus program on the tree-walk tier (the oracle) and on the stack VM: the observable
/// behaviour of docs/SPEC.md section 17 must be identical. A run that hits a limit is inconclusive.
/// </summary>
public class CorpusDifferentialTests
{
    public static TheoryData<string> CorpusPrograms()
    {
        var root = Path.Combine(Veld.RepositoryRoot(), "corpus");
        var data = new TheoryData<string>();
        if (!Directory.Exists(root)) return data;
        foreach (var file in Directory.EnumerateFiles(root, "*.veld", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
        return data;
    }

    [Fact]
    public void The_corpus_is_there()
    {
        Assert.NotEmpty(CorpusPrograms());
    }

    [Theory]
    [MemberData(nameof(CorpusPrograms))]
    public void Stack_vm_agrees_with_tree_walk(string program)
    {
        var path = Path.Combine(Veld.RepositoryRoot(), "corpus", program);
        var source = new Source(program, File.ReadAllText(path));
        var options = new RunOptions { Timeout = TimeSpan.FromSeconds(20), Args = ["10"] };
        var compiled = VeldCompiler.Compile(source);
        if (!compiled.Success) return; // compile errors come from the shared front end, identical by construction

        var tree = TierHost.Run(Veld.Tree, compiled.Program!, options);
        var stack = TierHost.Run(Veld.Stack, compiled.Program!, options);
        if (tree.Kind == OutcomeKind.LimitExceeded || stack.Kind == OutcomeKind.LimitExceeded) return;

        Assert.True(stack.Kind == tree.Kind, $"outcome: tree {tree.Kind} {tree.Error}, stack {stack.Kind} {stack.Error}");
        Assert.Equal(tree.Stdout, stack.Stdout);
        if (tree.Kind == OutcomeKind.Success)
        {
            Assert.Equal(tree.Result.Kind, stack.Result.Kind);
            Assert.Equal(Display.Show(tree.Result), Display.Show(stack.Result));
            Assert.True(Operators.Equal(tree.Result, stack.Result) || tree.Result.Kind == ValueKind.Function
                || (tree.Result.IsFloat && double.IsNaN(tree.Result.AsFloat)), "results differ by value");
        }
        else
        {
            Assert.Equal(tree.Error, stack.Error);
        }
    }
}
