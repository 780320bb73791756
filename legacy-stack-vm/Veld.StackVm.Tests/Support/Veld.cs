using Veld.Language;
using Veld.Runtime;
using Veld.TreeWalk;

namespace Veld.StackVm.Tests;

/// <summary>Compile-and-run helpers for the tests: source text in, <see cref="RunOutcome"/> out.</summary>
internal static class Veld
{
    public static readonly StackVmTier Stack = new();
    public static readonly TreeWalkTier Tree = new();

    /// <summary>Run <paramref name="source"/> on the stack VM.</summary>
    public static RunOutcome Run(string source, RunOptions? options = null) =>
        TierHost.CompileAndRun(Stack, new Source("test.veld", source), options ?? new RunOptions());

    public static RunOutcome RunTree(string source, RunOptions? options = null) =>
        TierHost.CompileAndRun(Tree, new Source("test.veld", source), options ?? new RunOptions());

    /// <summary>Run and require success; returns the outcome for further checks.</summary>
    public static RunOutcome Ok(string source, RunOptions? options = null)
    {
        var outcome = Run(source, options);
        Assert.True(outcome.Kind == OutcomeKind.Success,
            $"expected success, got {outcome.Kind}: {outcome.Error}\nstdout:\n{outcome.Stdout}");
        return outcome;
    }

    /// <summary>The program's result in display form (it must succeed).</summary>
    public static string Result(string source, RunOptions? options = null) => Display.Show(Ok(source, options).Result);

    /// <summary>The program's standard output (it must succeed).</summary>
    public static string Output(string source) => Ok(source).Stdout;

    /// <summary>Run and require a runtime error; returns it.</summary>
    public static RunError Error(string source, RunOptions? options = null)
    {
        var outcome = Run(source, options);
        Assert.True(outcome.Kind == OutcomeKind.RuntimeError,
            $"expected a runtime error, got {outcome.Kind}: {outcome.Error}\nstdout:\n{outcome.Stdout}");
        return outcome.Error!;
    }

    /// <summary>Compile to a stack program (the front end must accept the source).</summary>
    public static StackProgram Compile(string source)
    {
        var compiled = VeldCompiler.Compile(new Source("test.veld", source));
        Assert.True(compiled.Success, compiled.Diagnostics.Count > 0 ? compiled.Diagnostics[0].ToString() : "compile failed");
        return StackVmTier.CompileProgram(compiled.Program!);
    }

    /// <summary>The directory holding VeldMigration.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "VeldMigration.sln"))) return dir.FullName;
        throw new InvalidOperationException("VeldMigration.sln not found above " + AppContext.BaseDirectory);
    }
}
