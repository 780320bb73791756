using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.TreeWalk;

/// <summary>
/// The tree-walk tier ("tree"): the reference implementation every other tier is compared against.
/// Compiling only analyses the checked tree (<see cref="ProgramAnalysis"/>); each run interprets it
/// with a fresh <see cref="Interpreter"/>.
/// </summary>
public sealed class TreeWalkTier : ITier
{
    public string Name => "tree";

    /// <summary>
    /// Most calls a run may nest on the tree-walk tier, whatever <see cref="RunOptions.MaxCallDepth"/> allows. Every
    /// call is a C# recursion here (13 .NET frames for <c>1 + f(n - 1)</c>, more through a catch handler), and
    /// each garbage collection scans the whole native stack, so reaching depth N costs time quadratic in N.
    /// On one core, 50,000 plain calls take 1 s and 50,000 calls each from a catch handler 2 s; 100,000 of
    /// those take over 5 s. Past this bound the run ends at once with a clean StackOverflow, which the
    /// differential runner counts as inconclusive. It is five times the default --max-depth; the bytecode
    /// tiers keep their frames on the heap and go deeper.
    /// </summary>
    public const int MaxNativeCallDepth = 50_000;

    public IExecutable Compile(CheckedProgram program) => new TreeWalkExecutable(new ProgramAnalysis(program));

    private sealed class TreeWalkExecutable(ProgramAnalysis analysis) : IExecutable
    {
        /// <summary>No bytecode: the tree is the code.</summary>
        public long? CodeBytes => null;

        public Value Execute(ExecutionContext context) => new Interpreter(analysis, context).Run();
    }
}
