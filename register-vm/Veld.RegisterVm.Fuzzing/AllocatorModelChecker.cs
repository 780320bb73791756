namespace Veld.RegisterVm.Fuzzing;

/// <summary>
/// Runs a sequence of <see cref="AllocatorOp"/>s on a real <see cref="RegisterAllocator"/> and on the
/// <see cref="AllocatorModel"/> side by side. Returns null when they agree throughout, else a description
/// of the first disagreement. Checked after every step:
/// <list type="bullet">
/// <item>an operation the model calls illegal (freeing anything but the top temporary, leaving a scope
///   with temporaries above its locals, promoting a local) throws and leaves the allocator unchanged;</item>
/// <item>a legal one returns the register the model predicts (exiting a scope frees exactly its locals);</item>
/// <item>no two live values share a register, kinds and names match the model, shadowing resolves to the
///   innermost local, and the frame size is the high-water mark.</item>
/// </list>
/// </summary>
public static class AllocatorModelChecker
{
    public static string? Run(IReadOnlyList<AllocatorOp> ops)
    {
        var real = new RegisterAllocator();
        var model = new AllocatorModel();
        var snapshots = new List<RegisterAllocator.Snapshot>();

        for (int step = 0; step < ops.Count; step++)
        {
            var op = ops[step];
            string? problem;
            try
            {
                problem = Apply(op, real, model, snapshots);
            }
            catch (Exception e)
            {
                problem = $"the allocator threw on a legal operation: {e.Message}";
            }
            problem ??= CompareState(real, model, op);
            if (problem is not null) return $"step {step + 1} ({op}): {problem}";
        }
        return null;
    }

    private static string? Apply(AllocatorOp op, RegisterAllocator real, AllocatorModel model, List<RegisterAllocator.Snapshot> snapshots)
    {
        switch (op)
        {
            case AllocatorOp.Declare d:
                if (!model.CanPush(1)) return ExpectLimit(() => real.DeclareLocal(d.Name));
                return Same(real.DeclareLocal(d.Name), model.Push(true, d.Name));
            case AllocatorOp.Temp:
                if (!model.CanPush(1)) return ExpectLimit(() => real.AllocTemp());
                return Same(real.AllocTemp(), model.Push(false, null));
            case AllocatorOp.Temps t:
                if (!model.CanPush(t.Count)) return null; // a window that does not fit is the compiler's limit error, tested elsewhere
                int first = model.Top;
                for (int i = 0; i < t.Count; i++) model.Push(false, null);
                return Same(real.AllocTemps(t.Count), first);
            case AllocatorOp.Free f:
            {
                int register = model.Top - 1 - f.Depth;
                if (register < 0) return null;
                if (!model.CanFree(register)) return ExpectRejected(real, () => real.FreeTemp(register));
                real.FreeTemp(register);
                model.Free();
                return null;
            }
            case AllocatorOp.Promote p:
            {
                int register = model.Top - 1;
                if (!model.CanPromote) return register < 0 ? null : ExpectRejected(real, () => real.PromoteToLocal(register, p.Name));
                real.PromoteToLocal(register, p.Name);
                model.Promote(p.Name);
                return null;
            }
            case AllocatorOp.EnterScope:
                real.EnterScope();
                model.EnterScope();
                return null;
            case AllocatorOp.ExitScope:
            {
                if (!model.CanExitScope()) return ExpectRejected(real, () => real.ExitScope());
                var freed = real.ExitScope();
                var expected = model.ExitScope();
                return freed.SequenceEqual(expected) ? null
                    : $"scope exit freed [{string.Join(", ", freed)}], its locals are [{string.Join(", ", expected)}]";
            }
            case AllocatorOp.Snapshot:
                snapshots.Add(real.Save());
                model.Snapshot();
                return null;
            case AllocatorOp.Restore r:
            {
                if (snapshots.Count == 0) return null;
                int index = r.Index % snapshots.Count;
                real.Restore(snapshots[index]);
                model.Restore(index);
                return real.IsAt(snapshots[index]) ? null : "state differs from the snapshot just restored";
            }
            default:
                return $"unknown operation {op}";
        }
    }

    private static string? Same(int actual, int expected) =>
        actual == expected ? null : $"allocator returned r{actual}, the model expects r{expected}";

    /// <summary>An illegal operation must throw InvalidOperationException and change nothing.</summary>
    private static string? ExpectRejected(RegisterAllocator real, Action action)
    {
        var before = real.Save();
        try
        {
            action();
        }
        catch (InvalidOperationException)
        {
            return real.IsAt(before) ? null : "a rejected operation changed the allocator";
        }
        return "an illegal operation was accepted";
    }

    private static string? ExpectLimit(Action action)
    {
        try
        {
            action();
        }
        catch (RegisterLimitException)
        {
            return null;
        }
        return $"allocated beyond {RegisterAllocator.MaxRegisters} registers";
    }

    private static string? CompareState(RegisterAllocator real, AllocatorModel model, AllocatorOp op)
    {
        if (real.Top != model.Top) return $"top is r{real.Top}, the model says r{model.Top}";
        var ids = new HashSet<long>();
        for (int r = 0; r < real.Top; r++)
        {
            var slot = real.Slots[r];
            var entry = model.Entries[r];
            if (!ids.Add(slot.Id)) return $"r{r} holds a value that another register also holds";
            if ((slot.Kind == RegisterAllocator.SlotKind.Local) != entry.IsLocal)
                return $"r{r} is a {slot.Kind}, the model says {(entry.IsLocal ? "local" : "temporary")}";
            if (entry.IsLocal && slot.Name != entry.Name) return $"r{r} holds local '{slot.Name}', the model says '{entry.Name}'";
        }
        if (real.ScopeDepth != model.ScopeStarts.Count) return $"scope depth {real.ScopeDepth}, the model says {model.ScopeStarts.Count}";
        if (real.MaxStack != model.HighWater) return $"frame size {real.MaxStack}, the high-water mark is {model.HighWater}";
        foreach (var name in model.Entries.Where(e => e.IsLocal).Select(e => e.Name!).Distinct())
            if (real.Lookup(name) != model.Lookup(name))
                return $"'{name}' resolves to r{real.Lookup(name)}, the innermost '{name}' is r{model.Lookup(name)}";
        return null;
    }
}
