using Veld.RegisterVm;

namespace Veld.Jit;

/// <summary>
/// Part of the JIT's cost model: a small function without loops (few loop iterations per call, <see cref="TierUp.IsShort"/>)
/// that does not call itself compiles only with a caller that will call it directly, never by itself. Its code saves
/// what interpreting its few instructions costs less the entry, and from the interpreter or through a general call from
/// compiled code (a closure in a register, a caller compiled before it: direct calls are linked when the caller
/// compiles) every call pays that entry: about nothing is saved, while .NET's compilation of the method costs about 6 µs
/// per IL byte (section 18 of docs/PERFORMANCE.md). deltablue compiled `input`, `output` and `execute` (5 to 8 words,
/// 300,000+ calls each) and closures five lambdas (2 to 5 words) after 100,000 calls each, all entered that way.
/// So such a function waits for its interpreted caller (compiled just before it, as <see cref="InterpretedCallers"/>
/// has it), and with a compiled caller, or none, it stays interpreted (asked again after each further threshold's heat,
/// when another caller may be on the stack).
/// </summary>
internal static class CallOnlyFunctions
{
    /// <summary>Bytecode words up to which a function without loops counts as small. The functions above have 2 to 8;
    /// bounce's `bounce` (47 words, compiled with its caller's call tree) and towers' helpers (8 to 14, likewise) are
    /// not held by this rule at the bench sizes.</summary>
    public const int SmallBodyWords = 16;

    /// <summary>Whether <paramref name="proto"/>, hot now, compiles only with a caller that links to it.</summary>
    public static bool CompileOnlyWithCaller(FunctionProto proto, TierUp tier, bool callsItself) =>
        proto.Code.Length <= SmallBodyWords && tier.IsShort(proto) && !callsItself;

    /// <summary>The compiled caller to compile again with <paramref name="proto"/> just before it: the frame below its own,
    /// compiled (before <paramref name="proto"/> was hot, so not linked to it), calling it through a site compiled code links
    /// directly (CALLG, METHODCALL: <paramref name="linkable"/>). deltablue's `execute_plan` loop calls the constraints'
    /// `execute` (306,000 calls) through a general call to the interpreter, which calls `input` and `output` (327,000 and
    /// 345,000): 4.9 of its 9.5 million interpreted instructions. A call of a closure in a register (CALL, CALLR) does not count here, nor
    /// is a function a builtin calls back (closures' `map` and `reduce` lambdas).</summary>
    public static FunctionProto? CallerToRecompile(FunctionProto proto, FunctionProto? caller, bool linkable, TierUp tier) =>
        linkable && caller is not null && caller != proto && tier.Code[caller.Id] is not null ? caller : null;

    /// <summary>The caller <paramref name="proto"/> waits for: the frame below its own when that one is interpreted and not
    /// itself; null when the caller is compiled (it never links to a function compiled after it) or there is none.</summary>
    public static FunctionProto? CallerToWaitFor(FunctionProto proto, FunctionProto? caller, TierUp tier) =>
        caller is not null && caller != proto && tier.Code[caller.Id] is null ? caller : null;
}
