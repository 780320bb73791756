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

    public IExecutable Compile(CheckedProgram program) => new TreeWalkExecutable(new ProgramAnalysis(program));

    private sealed class TreeWalkExecutable(ProgramAnalysis analysis) : IExecutable
    {
        /// <summary>No bytecode: the tree is the code.</summary>
        public long? CodeBytes => null;

        public Value Execute(ExecutionContext context) => new Interpreter(analysis, context).Run();
    }
}
