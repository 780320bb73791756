using Veld.Language.Syntax;

namespace Veld.Language.Resolving;

// Expressions. Every child expression is visited exactly once.
internal sealed partial class Resolver
{
    private void ResolveExpr(Expr expr)
    {
        EnsureStack();
        switch (expr)
        {
            case IntLiteral or FloatLiteral or StringLiteral or BoolLiteral or UnitLiteral:
                break;
            case NameExpr name:
                ResolveName(name);
                break;
            case UnaryExpr unary:
                ResolveExpr(unary.Operand);
                break;
            case BinaryExpr binary:
                ResolveExpr(binary.Left);
                ResolveExpr(binary.Right);
                break;
            case LogicalExpr logical:
                ResolveExpr(logical.Left);
                ResolveExpr(logical.Right);
                break;
            case RangeExpr range:
                ResolveExpr(range.Start);
                ResolveExpr(range.End);
                break;
            case CastExpr cast:
                ResolveExpr(cast.Value);
                cast.Target = CastTargetOf(cast.Type.Name);
                break;
            case CallExpr call:
                ResolveCall(call);
                break;
            case MethodCallExpr method:
                ResolveMethodCall(method);
                break;
            case MemberExpr member:
                ResolveMember(member);
                break;
            case TupleIndexExpr tupleIndex:
                ResolveTupleIndex(tupleIndex);
                break;
            case IndexExpr index:
                ResolveExpr(index.Target);
                ResolveExpr(index.Index);
                break;
            case ArrayExpr array:
                foreach (var element in array.Elements) ResolveExpr(element);
                break;
            case TupleExpr tuple:
                foreach (var element in tuple.Elements) ResolveExpr(element);
                break;
            case MapExpr map:
                foreach (var entry in map.Entries)
                {
                    ResolveExpr(entry.Key);
                    ResolveExpr(entry.Value);
                }
                break;
            case FunctionExpr function:
                ResolveFunction(function.Function);
                break;
            case IfExpr ifExpr:
                foreach (var branch in ifExpr.Branches)
                {
                    ResolveExpr(branch.Condition);
                    ResolveBlock(branch.Body);
                }
                if (ifExpr.Else is { } elseBlock) ResolveBlock(elseBlock);
                break;
            case WhileExpr loop:
                ResolveExpr(loop.Condition);
                _current.LoopDepth++;
                ResolveBlock(loop.Body);
                _current.LoopDepth--;
                break;
            case ForExpr loop:
                ResolveFor(loop);
                break;
            case BlockExpr block:
                ResolveBlock(block.Block);
                break;
            case LetInExpr letIn:
                _current.BeginScope(letIn.Locals);
                ResolveLet(letIn.Pattern, letIn.Value);
                ResolveExpr(letIn.Body);
                _current.EndScope();
                break;
            case MatchExpr match:
                ResolveMatch(match);
                break;
            case TryExpr tryExpr:
                ResolveTry(tryExpr);
                break;
            case ReturnExpr ret:
                if (ret.Value is { } value)
                {
                    ResolveExpr(value);
                    if (CanTailCall()) MarkTail(value);
                }
                break;
            case BreakExpr:
                if (_current.LoopDepth == 0) Error(expr.Pos, "'break' outside a loop");
                break;
            case ContinueExpr:
                if (_current.LoopDepth == 0) Error(expr.Pos, "'continue' outside a loop");
                break;
            case ThrowExpr throwExpr:
                ResolveExpr(throwExpr.Value);
                break;
            case AssignExpr assign:
                ResolveAssign(assign);
                break;
            case MacroExpr macro:
                foreach (var part in macro.Parts)
                    if (part.Value is { } partValue) ResolveExpr(partValue);
                if (macro.Condition is { } condition) ResolveExpr(condition);
                if (macro.Message is { } message) ResolveExpr(message);
                break;
        }
    }

    /// <summary><c>for p in e do .. end</c>: the iterable is resolved outside the loop; the pattern's
    /// bindings are the first locals of the body's scope (fresh each iteration).</summary>
    private void ResolveFor(ForExpr loop)
    {
        ResolveExpr(loop.Iterable);
        _current.LoopDepth++;
        _current.BeginScope(loop.Body.Locals);
        DeclarePattern(loop.Pattern);
        foreach (var stmt in loop.Body.Statements)
            ResolveStatement(stmt);
        _current.EndScope();
        _current.LoopDepth--;
    }

    private void ResolveMatch(MatchExpr match)
    {
        ResolveExpr(match.Scrutinee);
        foreach (var arm in match.Arms)
        {
            _current.BeginScope(arm.Locals);
            DeclarePattern(arm.Pattern);
            if (arm.Guard is { } guard) ResolveExpr(guard);
            ResolveExpr(arm.Body);
            _current.EndScope();
        }
    }

    /// <summary><c>try</c>: nothing inside body or handler is a tail call. The catch binding is the
    /// first local of the handler's scope.</summary>
    private void ResolveTry(TryExpr tryExpr)
    {
        _current.TryDepth++;
        ResolveBlock(tryExpr.Body);
        _current.BeginScope(tryExpr.Handler.Locals);
        if (tryExpr.CatchBinding is { } binding) DeclareLocal(binding);
        foreach (var stmt in tryExpr.Handler.Statements)
            ResolveStatement(stmt);
        _current.EndScope();
        _current.TryDepth--;
    }

    /// <summary><c>x = e</c>, <c>a[i] = e</c>, <c>p.f = e</c> and compound forms.</summary>
    private void ResolveAssign(AssignExpr assign)
    {
        switch (assign.Target)
        {
            case NameExpr name:
                var variable = LookupVariable(name.Name, name.Pos);
                if (variable is null)
                {
                    if (name.Name == "self")
                        Error(name.Pos, "'self' can only be used inside a method that takes self");
                    else if (BuiltinNames.Functions.Contains(name.Name))
                        Error(name.Pos, $"cannot assign to builtin function '{name.Name}'");
                    else
                        Error(name.Pos, $"undeclared name '{name.Name}'");
                }
                else
                {
                    name.Ref = variable;
                    if (!variable.Binding!.IsMutable)
                        Error(name.Pos, $"cannot assign to immutable binding '{name.Name}'");
                }
                break;
            case IndexExpr index:
                ResolveExpr(index.Target);
                ResolveExpr(index.Index);
                break;
            case MemberExpr member:
                ResolveMember(member);
                if (member.Kind != MemberKind.Field)
                    Error(member.Pos, "invalid assignment target");
                break;
            default:
                Error(assign.Target.Pos, assign.Target is TupleIndexExpr
                    ? "invalid assignment target: tuples are immutable"
                    : "invalid assignment target");
                break;
        }
        ResolveExpr(assign.Value);
    }

    private void ResolveTupleIndex(TupleIndexExpr tupleIndex)
    {
        ResolveExpr(tupleIndex.Target);
        int? size = tupleIndex.Target switch
        {
            TupleExpr tuple => tuple.Elements.Count,
            NameExpr { Ref.Binding: { } binding } when _tupleSizes.TryGetValue(binding, out int known) => known,
            _ => null,
        };
        if (size is { } count && tupleIndex.Index >= count)
            Error(tupleIndex.Pos, $"tuple index {tupleIndex.Index} out of range for a tuple of {count} element(s)");
    }

    private static CastTarget CastTargetOf(string? typeName) => typeName switch
    {
        "i8" or "i16" or "i32" or "i64" or "u8" or "u16" or "u32" or "u64" or "int" => CastTarget.Int,
        "f32" or "f64" or "float" => CastTarget.Float,
        "str" or "char" => CastTarget.Str,
        "bool" => CastTarget.Bool,
        _ => CastTarget.Invalid,
    };
}
