using System.Text;
using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.TreeWalk;

/// <summary><c>print~ println~ format~</c> (parts shown in display form) and <c>assert~</c>.</summary>
internal sealed partial class Interpreter
{
    private Value EvalMacro(MacroExpr e, Frame f)
    {
        if (e.Kind == MacroKind.Assert) return EvalAssert(e, f);

        var text = new StringBuilder();
        foreach (var part in e.Parts)
        {
            if (part.Value is null)
            {
                text.Append(part.Text);
                continue;
            }
            var value = Eval(part.Value, f);
            if (f.IsAbrupt) return default;
            text.Append(Display.Show(value));
        }
        // Every tier refuses the joined text past the string limit, whether it is returned or printed.
        var built = RuntimeLimits.BuiltString(text.ToString());
        switch (e.Kind)
        {
            case MacroKind.Format:
                return Value.FromString(built);
            case MacroKind.Println:
                _context.Output.Write(built);
                _context.Output.Write('\n');
                break;
            default:
                _context.Output.Write(built);
                break;
        }
        return Value.Unit;
    }

    /// <summary>The message is evaluated only when the assertion fails.</summary>
    private Value EvalAssert(MacroExpr e, Frame f)
    {
        var condition = Eval(e.Condition!, f);
        if (f.IsAbrupt) return default;
        if (BoolContexts.Check(condition, BoolContext.Assert)) return Value.Unit;
        string? message = null;
        if (e.Message is not null)
        {
            var value = Eval(e.Message, f);
            if (f.IsAbrupt) return default;
            message = Display.Show(value);
        }
        throw RuntimeErrors.AssertFailed(message);
    }
}
