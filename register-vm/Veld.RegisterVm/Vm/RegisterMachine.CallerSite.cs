using Veld.Runtime;

namespace Veld.RegisterVm;

internal sealed partial class RegisterMachine
{
    /// <summary>
    /// Whether the frame below the top one called the top frame's function through a site compiled code links directly:
    /// a CALLG whose global holds that function, or a METHODCALL whose cache holds it. The call is read from that frame's
    /// resume pc (the word before it, or the one before that when the call took a constant-extension word). False in the
    /// program's first frame, for calls of closures in registers, and when the frame below is at a call of something else
    /// (a builtin such as `map` calling the function back).
    /// </summary>
    internal bool TopCalledThroughLinkableSite()
    {
        if (_frameCount < 2) return false;
        var top = _frames[_frameCount - 1].Closure.Proto;
        ref var caller = ref _frames[_frameCount - 2];
        var proto = caller.Closure.Proto;
        var code = proto.Code;
        int pc = caller.Pc - 1;
        if (pc >= 0 && pc < code.Length && Instruction.Op(code[pc]) == OpCode.ExtraArg) pc--;
        if (pc < 0 || pc >= code.Length) return false;
        uint word = code[pc];
        switch (Instruction.Op(word))
        {
            case OpCode.CallG:
                return _globals[Instruction.C(word)].Is<Closure>(out var callee) && callee.Proto == top;
            case OpCode.MethodCall:
                int next = pc + 1;
                return CachedMethods(proto, Instruction.ConstantIndex(code, ref next, Instruction.C(word))).Contains(top);
            default:
                return false;
        }
    }
}
