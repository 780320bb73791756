using Veld.Language.Syntax;

namespace Veld.Language.Printing;

/// <summary>
/// Binding strength of expressions, loosest first (docs/SPEC.md section 4.1). The printer puts
/// parentheses around a child whose level is below what its position requires, and nowhere else.
/// </summary>
internal enum Precedence
{
    /// <summary>Extends as far right as it can: lambdas, let-in, assignment, return, throw, and every
    /// keyword-delimited construct (if, while, for, match, do, try), which the printer only leaves bare
    /// where a whole expression is expected.</summary>
    Open = 0,
    Or = 2,
    And = 3,
    Comparison = 4,
    Range = 5,
    BitOr = 6,
    BitXor = 7,
    BitAnd = 8,
    Shift = 9,
    Additive = 10,
    Multiplicative = 11,
    Unary = 12,
    Power = 13,
    Postfix = 14,
    Primary = 15,
}

internal static class PrecedenceRules
{
    public static Precedence Of(BinaryOp op) => op switch
    {
        BinaryOp.Add or BinaryOp.Sub => Precedence.Additive,
        BinaryOp.Mul or BinaryOp.Div or BinaryOp.Mod => Precedence.Multiplicative,
        BinaryOp.Pow => Precedence.Power,
        BinaryOp.BitAnd => Precedence.BitAnd,
        BinaryOp.BitOr => Precedence.BitOr,
        BinaryOp.BitXor => Precedence.BitXor,
        BinaryOp.Shl or BinaryOp.Shr => Precedence.Shift,
        _ => Precedence.Comparison,
    };

    public static string Symbol(BinaryOp op) => op switch
    {
        BinaryOp.Add => "+",
        BinaryOp.Sub => "-",
        BinaryOp.Mul => "*",
        BinaryOp.Div => "/",
        BinaryOp.Mod => "%",
        BinaryOp.Pow => "*^",
        BinaryOp.BitAnd => "&",
        BinaryOp.BitOr => "|",
        BinaryOp.BitXor => "^",
        BinaryOp.Shl => "<<",
        BinaryOp.Shr => ">>",
        BinaryOp.Eq => "==",
        BinaryOp.Ne => "!=",
        BinaryOp.Lt => "<",
        BinaryOp.Le => "<=",
        BinaryOp.Gt => ">",
        BinaryOp.Ge => ">=",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    public static Precedence Of(Expr e) => e switch
    {
        IntLiteral i => i.Value < 0 ? Precedence.Unary : Precedence.Primary,
        FloatLiteral f => double.IsNegative(f.Value) ? Precedence.Unary : Precedence.Primary,
        StringLiteral or BoolLiteral or UnitLiteral or NameExpr => Precedence.Primary,
        ArrayExpr or TupleExpr or MapExpr or MacroExpr => Precedence.Primary,
        BreakExpr or ContinueExpr => Precedence.Primary,
        UnaryExpr => Precedence.Unary,
        BinaryExpr b => Of(b.Op),
        LogicalExpr l => l.IsAnd ? Precedence.And : Precedence.Or,
        RangeExpr => Precedence.Range,
        CastExpr or CallExpr or MemberExpr or MethodCallExpr or TupleIndexExpr or IndexExpr => Precedence.Postfix,
        _ => Precedence.Open,
    };
}
