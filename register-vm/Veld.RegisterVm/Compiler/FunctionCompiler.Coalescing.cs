using Veld.Language.Syntax;

namespace Veld.RegisterVm;

/// <summary>
/// Register coalescing (<see cref="OptimizationPasses.RegisterCoalescing"/>): <c>x = a and b</c> evaluates the
/// chain straight into x's register instead of a temporary followed by <c>MOVE x t</c>.
/// <para>
/// The chain writes its destination once per operand and then checks the last one is a bool, which breaks
/// the rule that a destination is written only by the last instruction. So x must die with its frame if
/// the chain raises: it is a plain local of a function (not the script, whose registers may outlive an
/// error in the REPL), no closure captures it and no <c>try</c> of this function is open. Then either
/// </para>
/// <list type="bullet">
/// <item>the chain is an accumulator, <c>x = x and e</c>: the first operand is x itself, so its "write"
/// changes nothing, and e is compiled into x like any expression (it may read x); or</item>
/// <item>no operand reads x or leaves the chain with x still alive (<c>break</c>, <c>continue</c>).</item>
/// </list>
/// </summary>
internal sealed partial class FunctionCompiler
{
    /// <summary>Compile <c>local = chain</c> into the local's register if the pass is on and nothing can
    /// observe the partial value; false when the caller must compile the assignment the ordinary way.</summary>
    private bool TryCoalesceLogicalAssign(AssignExpr a, Binding local, int register)
    {
        if (a.CompoundOp is not null || a.Value is not LogicalExpr chain) return false;
        if (!_program.Optimizations.IsOn(OptimizationPasses.RegisterCoalescing)) return false;
        if (_program.Folder.TryFold(chain, out _)) return false;
        if (_parent is null || _tryDepth > 0 || local.IsCaptured || local.Kind != BindingKind.Local) return false;
        if (!AccumulatesInPlace(chain, local) && MayObservePartialValue(chain, local)) return false;
        CompileLogicalChain(chain, register);
        return true;
    }

    /// <summary><c>x = x and e</c> (or <c>or</c>): two operands, the first the local itself.</summary>
    private static bool AccumulatesInPlace(LogicalExpr chain, Binding local)
    {
        var operands = new List<Expr>();
        Flatten(chain, chain.IsAnd, operands);
        return operands.Count == 2 && operands[0] is NameExpr { Ref.Binding: var b } && ReferenceEquals(b, local);
    }

    /// <summary>True if evaluating <paramref name="chain"/> may read <paramref name="local"/> or leave the
    /// chain to code where the local is still alive.</summary>
    private static bool MayObservePartialValue(Expr chain, Binding local)
    {
        var pending = new Stack<Node>();
        pending.Push(chain);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is BreakExpr or ContinueExpr) return true;
            if (node is NameExpr { Ref.Binding: var b } && ReferenceEquals(b, local)) return true;
            EffectAnalysis.PushChildren(node, pending);
        }
        return false;
    }
}
