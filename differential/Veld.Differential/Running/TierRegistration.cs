using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.Differential;

/// <summary>
/// A tier the tools know by name: a description for <c>--help</c>, a factory for fresh instances, and the
/// optional things only some tiers can do. Every command asks the registration instead of naming a tier,
/// so a new tier with bytecode to show, or a file format of its own, is one registration and no command edit.
/// </summary>
public sealed record TierRegistration(string Name, string Description, Func<ITier> Create)
{
    /// <summary>The code the tier compiles a program to, as text (<c>veld disasm</c>); null when it has none to show.
    /// Throws <see cref="TierUnsupportedException"/> for a program the tier cannot compile.</summary>
    public Func<CheckedProgram, string>? Disassemble { get; init; }

    /// <summary>The tier's compiled-program file (<c>veld build</c>, and <c>veld run</c>/<c>disasm</c> of such a file); null when it has none.</summary>
    public BytecodeFile? File { get; init; }

    /// <summary>The machine the migration replaces: <c>veld diff --stats</c> gives every tier's figures as a ratio
    /// to it, and <c>veld bench</c> gives speedups over it.</summary>
    public bool IsBaseline { get; init; }
}

/// <summary>
/// A tier's file of compiled code. <see cref="Load"/> and <see cref="Disassemble"/> verify the whole file
/// first and throw <see cref="BytecodeFileException"/> saying what is wrong with it.
/// </summary>
/// <param name="Extension">The file name extension, dot included (<c>.veldc</c>).</param>
/// <param name="Recognizes">Whether the bytes are such a file (its magic number), so a command can tell it from source.</param>
/// <param name="Save">Compiles a program and returns the file's bytes (throws <see cref="TierUnsupportedException"/>).</param>
/// <param name="Load">Reads a file into something the tier's <see cref="TierHost.Execute"/> runs.</param>
/// <param name="Disassemble">Reads a file and shows its code as <see cref="TierRegistration.Disassemble"/> would.</param>
public sealed record BytecodeFile(
    string Extension,
    Func<byte[], bool> Recognizes,
    Func<CheckedProgram, byte[]> Save,
    Func<byte[], IExecutable> Load,
    Func<byte[], string> Disassemble);

/// <summary>A compiled-program file that is damaged, from another format version, or fails verification.</summary>
public sealed class BytecodeFileException(string message, Exception? inner = null) : Exception(message, inner);
