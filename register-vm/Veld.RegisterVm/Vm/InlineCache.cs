using Veld.Runtime;

namespace Veld.RegisterVm;

/// <summary>
/// One instruction's inline cache, per run (the struct and enum types are per run, so the cache is too):
/// the last type seen at a GETFIELD/SETFIELD with the field's index, or at a METHODCALL with the impl
/// method found. A hit skips the name lookup; a miss does the lookup and refills the entry. Only answers
/// that depend on the type alone are cached (never a field holding a function, never a map key).
/// </summary>
internal struct InlineCache
{
    public VeldType? Type;
    public int Field;
    public Value Method;
}
