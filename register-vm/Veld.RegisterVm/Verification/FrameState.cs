namespace Veld.RegisterVm;

/// <summary>
/// What the <see cref="RegisterChecker"/> knows about a frame's registers before one instruction: a small
/// lattice per register (undefined, a Veld value, a for loop's iterator), kept as sets.
/// <list type="bullet">
/// <item><see cref="Defined"/>: written on every path (meet: intersection);</item>
/// <item><see cref="Iterators"/>: ITERPREP's iterator on every path, so ITERNEXT may step it (intersection);</item>
/// <item><see cref="MaybeIterators"/>: an iterator on some path, so no other instruction may read, capture or
///   expose it (union): the iterator is the VM's own object, and Veld operations know nothing of it.</item>
/// </list>
/// This is a proof within one frame. An open upvalue aliases a slot, and compiled code leaves upvalues open past
/// their local's scope (a failed match guard skips the CLOSE), so a slot may change under a frame through a closure
/// or a callee's frame: the VM's ITERNEXT still checks its operand (a clean Type error in such a file).
/// Intersections only shrink and unions only grow, so the checker's fixed point is reached.
/// </summary>
public readonly record struct FrameState(RegisterSet Defined, RegisterSet Iterators, RegisterSet MaybeIterators)
{
    /// <summary>On entry only the parameters hold values.</summary>
    public static FrameState Entry(int parameters)
    {
        var defined = RegisterSet.Empty;
        for (int r = 0; r < parameters; r++) defined = defined.With(r);
        return new FrameState(defined, RegisterSet.Empty, RegisterSet.Empty);
    }

    /// <summary>The state where two paths join.</summary>
    public FrameState Meet(FrameState o) => new(
        Defined.Intersect(o.Defined), Iterators.Intersect(o.Iterators), MaybeIterators.Union(o.MaybeIterators));

    /// <summary><paramref name="range"/> now holds ordinary Veld values.</summary>
    public FrameState Written(RegisterRange range) => range.Count == 0 ? this : new(
        Defined.With(range), Iterators.Without(range), MaybeIterators.Without(range));

    /// <summary>ITERPREP's register now holds its iterator.</summary>
    public FrameState WithIterator(int r) => this with
    {
        Defined = Defined.With(r), Iterators = Iterators.With(r), MaybeIterators = MaybeIterators.With(r),
    };

    /// <summary>A call's window and everything above it hold whatever the callee left there: nothing readable.</summary>
    public FrameState Clobbered(int first) => this with
    {
        Defined = Defined.WithoutFrom(first), Iterators = Iterators.WithoutFrom(first), MaybeIterators = MaybeIterators.WithoutFrom(first),
    };
}
