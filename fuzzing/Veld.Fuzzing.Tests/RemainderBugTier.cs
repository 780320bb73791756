using Veld.Language.Printing;
using Veld.Language.Syntax;
using Veld.Runtime;

using Veld.Differential;

namespace Veld.Fuzzing.Tests;

/// <summary>
/// A test-only tier with a planted bug: it runs the tree-walk tier, but for any program that uses the
/// remainder operator it prints one extra line at the end, the way a VM with a miscompiled opcode would
/// leak a wrong value.
/// </summary>
internal sealed class RemainderBugTier : ITier
{
    public string Name => "buggy";

    public IExecutable Compile(CheckedProgram program)
    {
        bool usesRemainder = SyntaxTraversal.Descendants(program.Syntax)
            .Any(n => n is BinaryExpr { Op: BinaryOp.Mod } or AssignExpr { CompoundOp: BinaryOp.Mod });
        return new Executable(TestSupport.Tree.Compile(program), usesRemainder);
    }

    private sealed class Executable(IExecutable inner, bool bug) : IExecutable
    {
        public long? CodeBytes => inner.CodeBytes;

        public Value Execute(Veld.Runtime.ExecutionContext context)
        {
            var result = inner.Execute(context);
            if (bug) context.Output.Write("remainder!\n");
            return result;
        }
    }
}
