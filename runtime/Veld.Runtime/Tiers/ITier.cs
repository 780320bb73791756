using Veld.Language;
using Veld.Language.Syntax;

namespace Veld.Runtime;

/// <summary>
/// The tier contract: compile a checked program once into an executable, then run it any number
/// of times. Compile errors are the front end's, found before a tier sees the program.
/// </summary>
public interface ITier
{
    /// <summary>Short name used on the command line: tree, stack, register, jit.</summary>
    string Name { get; }
    /// <summary>Throws <see cref="TierUnsupportedException"/> for a construct the tier cannot run yet.</summary>
    IExecutable Compile(CheckedProgram program);
}

/// <summary>A compiled program. <see cref="Execute"/> is called by <see cref="TierHost"/> on a thread with a
/// large stack, with limits and output already set up in the context; it returns the program's result and
/// lets <see cref="VeldRuntimeException"/> escape for an uncaught Veld error.</summary>
public interface IExecutable
{
    /// <summary>Code size in bytes, or null for a tier without bytecode.</summary>
    long? CodeBytes { get; }
    Value Execute(ExecutionContext context);
}

/// <summary>A tier's clear refusal of a construct it does not support yet; reported, never a crash.</summary>
public sealed class TierUnsupportedException(string message) : Exception(message);
