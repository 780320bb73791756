using Veld.Language.Syntax;
using Veld.Runtime;
using static Veld.RegisterVm.Instruction;

namespace Veld.RegisterVm;

/// <summary>Which check a TEST performs on a non-bool, i.e. whose error message it raises.</summary>
/// <param name="Context">The TEST instruction's C operand.</param>
/// <param name="Pos">The position the error is reported at: the node that requires the bool.</param>
internal readonly record struct TruthCheck(BoolContext Context, SourcePos Pos);

internal sealed partial class FunctionCompiler
{
    /// <summary>
    /// Jump code (Lua's luaK_goiftrue / goiffalse): emit code that jumps, through jumps added to
    /// <paramref name="jumps"/>, when <paramref name="e"/> evaluates to <paramref name="jumpIf"/>, and falls
    /// through otherwise. Comparisons become one test-and-skip instruction plus a JMP; <c>and</c>, <c>or</c>
    /// and <c>!</c> become control flow, never values.
    /// </summary>
    private void CompileCondition(Expr e, bool jumpIf, List<int> jumps, TruthCheck check)
    {
        switch (e)
        {
            case BoolLiteral b:
                if (b.Value == jumpIf) jumps.Add(EmitJump(e.Pos));
                return;
            case UnaryExpr { Op: UnaryOp.Not } not:
                CompileCondition(not.Operand, !jumpIf, jumps, new TruthCheck(BoolContext.Not, not.Pos));
                return;
            case LogicalExpr { IsAnd: true } and:
            {
                var operand = new TruthCheck(BoolContext.And, and.Pos);
                if (!jumpIf)
                {
                    CompileCondition(and.Left, false, jumps, operand);
                    CompileCondition(and.Right, false, jumps, operand);
                }
                else
                {
                    var leftFalse = new List<int>();
                    CompileCondition(and.Left, false, leftFalse, operand);
                    CompileCondition(and.Right, true, jumps, operand);
                    PatchHere(leftFalse);
                }
                return;
            }
            case LogicalExpr or:
            {
                var operand = new TruthCheck(BoolContext.Or, or.Pos);
                if (jumpIf)
                {
                    CompileCondition(or.Left, true, jumps, operand);
                    CompileCondition(or.Right, true, jumps, operand);
                }
                else
                {
                    var leftTrue = new List<int>();
                    CompileCondition(or.Left, true, leftTrue, operand);
                    CompileCondition(or.Right, false, jumps, operand);
                    PatchHere(leftTrue);
                }
                return;
            }
            case BinaryExpr b when IsComparison(b.Op):
                if (_program.Folder.TryFold(b, out var folded))
                {
                    if (folded.AsBool == jumpIf) jumps.Add(EmitJump(e.Pos));
                    return;
                }
                CompileComparisonJump(b, jumpIf, jumps);
                return;
            default:
            {
                int top = _regs.Top;
                int r = OperandRegister(e);
                Emit(ABC(OpCode.Test, r, 0, (int)check.Context, jumpIf), check.Pos);
                jumps.Add(EmitJump(check.Pos));
                _regs.FreeTempsFrom(top);
                return;
            }
        }
    }

    /// <summary>One compare-and-skip plus its JMP: the immediate form for a small int, the constant form
    /// for other constants of <c>==</c>/<c>!=</c>, else register against register. Operands are never
    /// swapped, so an error names them in source order.</summary>
    private void CompileComparisonJump(BinaryExpr b, bool jumpIf, List<int> jumps)
    {
        var op = b.Op == BinaryOp.Ne ? BinaryOp.Eq : b.Op;
        bool k = b.Op == BinaryOp.Ne ? !jumpIf : jumpIf;
        int top = _regs.Top;
        int left = OperandRegister(b.Left, b.Right);
        if (_program.Folder.TryFold(b.Right, out var constant))
        {
            if (constant.IsInt && constant.AsInt >= MinSC && constant.AsInt <= MaxSC)
            {
                var immediate = op switch
                {
                    BinaryOp.Eq => OpCode.EqI,
                    BinaryOp.Lt => OpCode.LtI,
                    BinaryOp.Le => OpCode.LeI,
                    BinaryOp.Gt => OpCode.GtI,
                    _ => OpCode.GeI,
                };
                Emit(ABC(immediate, left, (int)constant.AsInt + OffsetSC, 0, k), b.Pos);
                jumps.Add(EmitJump(b.Pos));
                _regs.FreeTempsFrom(top);
                return;
            }
            if (op == BinaryOp.Eq && _k.Of(constant) is var index && index < MaxShortConst)
            {
                Emit(ABC(OpCode.EqK, left, index, 0, k), b.Pos);
                jumps.Add(EmitJump(b.Pos));
                _regs.FreeTempsFrom(top);
                return;
            }
        }
        int right = OperandRegister(b.Right);
        var opcode = op switch
        {
            BinaryOp.Eq => OpCode.Eq,
            BinaryOp.Lt => OpCode.Lt,
            BinaryOp.Le => OpCode.Le,
            BinaryOp.Gt => OpCode.Gt,
            _ => OpCode.Ge,
        };
        Emit(ABC(opcode, left, right, 0, k), b.Pos);
        jumps.Add(EmitJump(b.Pos));
        _regs.FreeTempsFrom(top);
    }

    /// <summary>
    /// <c>a and b and c</c> (or an <c>or</c> chain) as a value. Each operand goes straight into a fresh
    /// register, a TEST leaves as soon as one decides (the register then holds the answer), and the last
    /// operand is only checked to be a bool. A local destination could be read by a later operand, so
    /// the chain goes into a temporary that is moved there at the end.
    /// </summary>
    private void CompileLogicalValue(LogicalExpr l, int dest)
    {
        if (_program.Folder.TryFold(l, out var folded))
        {
            EmitLoadConstant(dest, folded, l.Pos);
            return;
        }
        if (!_regs.IsTemp(dest))
        {
            int t = _regs.AllocTemp();
            CompileLogicalValue(l, t);
            Emit(ABC(OpCode.Move, dest, t, 0), l.Pos);
            _regs.FreeTemp(t);
            return;
        }
        CompileLogicalChain(l, dest);
    }

    /// <summary>The chain itself, each operand written into <paramref name="dest"/>: a temporary, or a local
    /// that nothing can observe until the chain ends (<see cref="TryCoalesceLogicalAssign"/>).</summary>
    private void CompileLogicalChain(LogicalExpr l, int dest)
    {
        var context = l.IsAnd ? BoolContext.And : BoolContext.Or;
        var operands = new List<Expr>();
        Flatten(l, l.IsAnd, operands);
        var decided = new List<int>();
        for (int n = 0; n < operands.Count - 1; n++)
        {
            CompileInto(operands[n], dest);
            // "and" is decided by a false operand, "or" by a true one; the TEST also checks it is a bool.
            Emit(ABC(OpCode.Test, dest, 0, (int)context, k: !l.IsAnd), l.Pos);
            decided.Add(EmitJump(l.Pos));
        }
        var last = operands[^1];
        CompileInto(last, dest);
        if (last is not LogicalExpr) Emit(ABC(OpCode.CheckBool, dest, 0, (int)context), l.Pos);
        PatchHere(decided);
    }

    /// <summary>The operands of a chain of the same operator, left to right (<c>(a and b) and c</c> is a, b, c).</summary>
    private static void Flatten(Expr e, bool isAnd, List<Expr> operands)
    {
        if (e is LogicalExpr l && l.IsAnd == isAnd)
        {
            Flatten(l.Left, isAnd, operands);
            Flatten(l.Right, isAnd, operands);
        }
        else operands.Add(e);
    }

    /// <summary>A comparison as a value: one SETxx (<c>!=</c> is SETEQ negated by k), with the constant form
    /// when the right operand is a constant.</summary>
    private void CompileComparisonValue(BinaryExpr b, int dest)
    {
        if (_program.Folder.TryFold(b, out var folded))
        {
            EmitLoadConstant(dest, folded, b.Pos);
            return;
        }
        bool negate = b.Op == BinaryOp.Ne;
        var op = negate ? BinaryOp.Eq : b.Op;
        int top = _regs.Top;
        int left = OperandRegister(b.Left, b.Right);
        if (_program.Folder.TryFold(b.Right, out var constant) && _k.Of(constant) is var index && index < MaxShortConst)
        {
            Emit(ABC(SetOp(op) + (OpCode.SetEqK - OpCode.SetEq), dest, left, index, negate), b.Pos);
        }
        else
        {
            int right = OperandRegister(b.Right);
            Emit(ABC(SetOp(op), dest, left, right, negate), b.Pos);
        }
        _regs.FreeTempsFrom(top);
    }

    private static OpCode SetOp(BinaryOp op) => op switch
    {
        BinaryOp.Eq => OpCode.SetEq,
        BinaryOp.Lt => OpCode.SetLt,
        BinaryOp.Le => OpCode.SetLe,
        BinaryOp.Gt => OpCode.SetGt,
        _ => OpCode.SetGe,
    };

}
