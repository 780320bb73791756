using FsCheck;
using FsCheck.Fluent;

namespace Veld.Fuzzing.Generation;

/// <summary>
/// FsCheck generators of Veld programs. The program itself is written by <see cref="ProgramGenerator"/>
/// (an imperative, scope- and type-tracking generator, as Csmith is); FsCheck supplies the seed and the
/// size, so properties, <c>Gen.Sample</c> with a fixed <see cref="Rnd"/>, and replay all work as usual.
/// </summary>
public static class VeldGen
{
    /// <summary>Programs whose size is FsCheck's size parameter (clamped to 1..<paramref name="maxSize"/>).</summary>
    public static Gen<GeneratedProgram> Program(int maxSize = 60) =>
        Gen.Sized(size =>
            from hi in Gen.Choose(0, int.MaxValue)
            from lo in Gen.Choose(0, int.MaxValue)
            select ProgramGenerator.Generate(((ulong)(uint)hi << 32) | (uint)lo, GeneratorOptions.ForSize(Math.Clamp(size, 1, maxSize))));

    /// <summary>Program texts.</summary>
    public static Gen<string> Source(int maxSize = 60) => Program(maxSize).Select(p => p.Source);

    /// <summary>Program <paramref name="index"/> of a run with <paramref name="seed"/>: the same on every machine and every call.</summary>
    public static GeneratedProgram ProgramAt(ulong seed, long index, int size) =>
        Program(size).Sample(numberOfSamples: 1, seed: new Rnd(GenRandom.Mix(seed, index)), size: size)[0];
}
