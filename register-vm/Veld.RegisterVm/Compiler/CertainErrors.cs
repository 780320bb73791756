using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.RegisterVm;

/// <summary>
/// The constant operations the <see cref="ConstantFolder"/> can tell will raise without running them. A runtime
/// error is a .NET exception, and throwing and catching one costs more than compiling the rest of a small program,
/// while every error test of the corpus folds one (<c>1 + "a"</c>, <c>i64 max + 1</c>). Only cases that certainly
/// raise are listed, read off the operators' own rules (<see cref="Operators"/>, whose fast paths decline exactly
/// on the errors); everything else is left to the operator under the folder's catch, so a case missing here only
/// costs time, never a different result.
/// </summary>
internal static class CertainErrors
{
    public static bool OfBinary(BinaryOp op, Value a, Value b)
    {
        bool ints = a.IsInt && b.IsInt;
        bool numbers = a.IsNumber && b.IsNumber;
        return op switch
        {
            // On two ints each fast path declines only on an error: overflow, a zero divisor, i64 min / -1.
            BinaryOp.Add => ints ? !FastArithmetic.TryAdd(in a, in b, out _)
                : !numbers && !(a.Kind == ValueKind.Str && b.Kind == ValueKind.Str),
            BinaryOp.Sub => ints ? !FastArithmetic.TrySub(in a, in b, out _) : !numbers,
            BinaryOp.Mul => ints ? !FastArithmetic.TryMul(in a, in b, out _) : !numbers,
            BinaryOp.Div => ints ? !FastArithmetic.TryDiv(in a, in b, out _) : !numbers || b.AsNumber == 0.0,
            BinaryOp.Mod => ints ? !FastArithmetic.TryMod(in a, in b, out _) : !numbers || b.AsNumber == 0.0,
            _ => false,
        };
    }

    public static bool OfUnary(UnaryOp op, Value a) => op == UnaryOp.Negate
        ? !a.IsFloat && !(a.IsInt && a.AsInt != long.MinValue)
        : !a.IsBool;
}
