namespace Veld.RegisterVm;

/// <summary>
/// The named optimizations of the register compiler. Each can be switched off (<c>veld run|diff|bench
/// --no-opt NAME</c>) so that its effect is measured, not claimed; the code is correct either way (the
/// register checker proves every program in both settings).
/// </summary>
public static class OptimizationPasses
{
    /// <summary>Evaluate operators on constant operands at compile time (<see cref="ConstantFolder"/>).
    /// Off: only literals and module constants are constants; every operator runs at run time.</summary>
    public const string ConstantFolding = "constant-folding";

    /// <summary>Read a local's register in place as an operand when nothing later in the expression can
    /// write it. Off: every operand that is a local is first copied (MOVE) into a temporary.</summary>
    public const string MoveElimination = "move-elimination";

    /// <summary>Thread forward jumps that land on jumps, and turn a jump to a return into that return
    /// (<see cref="Peephole"/>). Off: every jump goes where the compiler first aimed it.</summary>
    public const string Peephole = "peephole";

    /// <summary>Evaluate an <c>and</c>/<c>or</c> chain assigned to a local straight into the local's register
    /// when nothing can observe the partial value (<see cref="RegisterCoalescing"/>). Off: the chain goes
    /// into a temporary that is then moved into the local.</summary>
    public const string RegisterCoalescing = "register-coalescing";

    /// <summary>A closure captures a local that is never assigned once it holds its value (not <c>mut</c>, already
    /// initialized when CLOSURE runs) by copying the value into the closure itself (<see cref="FunctionProto.Captures"/>,
    /// read by GETCAPT): no <see cref="Upvalue"/> to allocate, find, keep sorted and close. Off: every captured local is
    /// shared through an open upvalue.</summary>
    public const string CaptureByValue = "capture-by-value";

    public static IReadOnlyList<string> All { get; } = [ConstantFolding, MoveElimination, Peephole, RegisterCoalescing, CaptureByValue];
}

/// <summary>Which <see cref="OptimizationPasses"/> the register compiler runs.</summary>
public sealed class OptimizationSettings
{
    private readonly HashSet<string> _off;

    private OptimizationSettings(IEnumerable<string> off) => _off = [.. off];

    /// <summary>Every pass on.</summary>
    public static OptimizationSettings AllOn { get; } = new([]);

    /// <summary>What compilations that name no settings use: the command line's <c>--no-opt</c> choice for
    /// the whole process (set once, before anything compiles), else every pass on.</summary>
    public static OptimizationSettings ProcessDefault { get; set; } = AllOn;

    /// <summary>Every pass on except <paramref name="off"/>; an unknown name is an error.</summary>
    public static OptimizationSettings Without(IEnumerable<string> off)
    {
        var names = off.ToList();
        foreach (var name in names)
            if (!OptimizationPasses.All.Contains(name)) throw new ArgumentException($"unknown optimization pass '{name}'", nameof(off));
        return names.Count == 0 ? AllOn : new OptimizationSettings(names);
    }

    public bool IsOn(string pass) => !_off.Contains(pass);

    public override string ToString() => _off.Count == 0 ? "all passes on" : "off: " + string.Join(", ", _off.Order());
}
