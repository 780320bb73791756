using FsCheck;
using FsCheck.Fluent;
using Veld.Language;
using Xunit.Abstractions;

namespace Veld.RegisterVm.Tests;

/// <summary>The .veldc format: round trips, clear errors for bad files, and no crash on any mutation.</summary>
public class VeldcFileTests(ITestOutputHelper output)
{
    private const string Sample = """
        struct P(x: i64, y: f64)
        enum E
            A(i64),
            B
        end
        impl P
            fn sum(self) => self.x + self.y
        end
        fn classify(v) => match v
            E.A(n) where n > 2 => "big",
            E.A(_) => "small",
            E.B => "b"
        end
        let items = [E.A(1), E.A(5), E.B]
        println(items.map(classify), P(x: 1, y: 2.5).sum(), (1, "two"), 1..=3)
        let t = try 1 / 0 catch e e.kind end
        println~("{t} {-0.0} {1e300 * 1e10}")
        """;

    [Theory]
    [MemberData(nameof(CorpusFiles.All), MemberType = typeof(CorpusFiles))]
    public void EveryCorpusProgramRoundTrips(string file)
    {
        var compiled = VeldCompiler.Compile(new Source(file, CorpusFiles.Read(file)));
        if (!compiled.Success) return;
        var program = ProgramCompiler.Compile(compiled.Program!);
        var bytes = VeldcWriter.Write(program);
        var loaded = VeldcReader.Read(bytes);
        Assert.Equal(Disassembler.Disassemble(program), Disassembler.Disassemble(loaded));
        Assert.Equal(bytes, VeldcWriter.Write(loaded));
    }

    [Fact]
    public void ALoadedProgramRunsLikeTheCompiledOne()
    {
        var program = CompileRegister(Sample);
        var loaded = VeldcReader.Read(VeldcWriter.Write(program));
        var fromSource = TierHost.Execute("register", RegisterVmTier.Load(program), new RunOptions(), null);
        var fromFile = TierHost.Execute("register", RegisterVmTier.Load(loaded), new RunOptions(), null);
        Assert.Equal(OutcomeKind.Success, fromFile.Kind);
        Assert.Equal(fromSource.Stdout, fromFile.Stdout);
        Assert.Equal("[\"small\", \"big\", \"b\"] 3.5 (1, \"two\") 1..=3\nDivisionByZero -0.0 inf\n", fromFile.Stdout);
    }

    /// <summary>Issue 14: the reader bounded the user-global count by the payload's bytes left instead of by
    /// the global names, so ten top-level lets (each a global) made a valid file "truncated".</summary>
    [Fact]
    public void AFileWithManyGlobalsLoadsAndRuns()
    {
        var source = string.Concat(Enumerable.Range(0, 12).Select(i => $"let v{i} = {i}\n")) + "fn last() => v11\nprintln(v9, last())";
        var loaded = VeldcReader.Read(VeldcWriter.Write(CompileRegister(source)));
        var outcome = TierHost.Execute("register", RegisterVmTier.Load(loaded), new RunOptions(), null);
        Assert.Equal("9 11\n", outcome.Stdout);
    }

    /// <summary>Issue 14: what <c>veld build</c> writes has passed the register checker, so a compiler bug is
    /// caught when building, never by the loader of the written file.</summary>
    [Fact]
    public void WhatIsBuiltIsWhatTheLoaderAccepts()
    {
        var program = RegisterVmTier.CompileChecked(Check("let b = match 2 end\nprintln(b)"));
        var outcome = TierHost.Execute("register", RegisterVmTier.Load(VeldcReader.Read(VeldcWriter.Write(program))), new RunOptions(), null);
        Assert.Equal("Match", outcome.Error!.Kind);
    }

    [Fact]
    public void BadFilesGetClearErrors()
    {
        var good = VeldcWriter.Write(CompileRegister(Sample));
        Assert.Contains("wrong magic", Load(System.Text.Encoding.UTF8.GetBytes("println(1)\n")));
        Assert.Contains("format version 9", Load(Patched(good, 8, 9)));
        Assert.Contains("checksum mismatch", Load(Patched(good, good.Length - 3, (byte)(good[^3] ^ 0x40))));
        Assert.Contains("header promises", Load(good[..^7]));
        Assert.Contains("header is incomplete", Load(good[..12]));
    }

    /// <summary>Format 2 carries each proto's column table: an error in a loaded program points where it did
    /// in the compiled one, call stack included; a format 1 file (lines only) is refused by its version.</summary>
    [Fact]
    public void ALoadedProgramKeepsErrorColumnsAndCallStacks()
    {
        var program = CompileRegister("fn ratio(a, b) => a / b\nfn twice(x) => 2 * ratio(x, 0)\nprintln(twice(3))");
        var bytes = VeldcWriter.Write(program);
        var fromFile = TierHost.Execute("register", RegisterVmTier.Load(VeldcReader.Read(bytes)), new RunOptions(), null);
        Assert.Equal((1, 21), (fromFile.Error!.Line, fromFile.Error.Column));
        Assert.Equal(["ratio at 1:21", "twice at 2:20", "script at 3:9"], fromFile.Error.Stack!.Lines());
        Assert.Contains("format version 1 ", Load(Patched(bytes, 8, 1)));
    }

    [Fact]
    public void ValidChecksumsDoNotSneakBadBytecodePastTheVerifier()
    {
        var program = CompileRegister("fn f(a) a + 1 end\nprintln(f(1))");
        var f = Proto(program, "f");
        f.Code[0] = Instruction.ABC(OpCode.Add, 0, 0, 250); // register 250 is outside f's frame
        var message = Load(VeldcWriter.Write(program));
        Assert.Contains("invalid bytecode", message);
        Assert.Contains("outside the frame", message);
    }

    /// <summary>Random corruption of valid files (bit flips, overwritten spans, truncation, insertion, with the
    /// checksum recomputed so the damage reaches the parser and verifier) never escapes as anything but a
    /// load error, and what loads runs to an outcome within its limits.</summary>
    [Fact]
    public void MutatedFilesNeverCrashTheLoaderOrTheVm()
    {
        var originals = new[]
        {
            Sample,
            "var s = 0\nfor i in 0..10 do s += i end\nprintln(s)",
            "fn f(n) if n < 2 then n else f(n - 1) + f(n - 2) end end\nlet g = x => try f(x) catch e 0 end\nprintln([1, 2, 3].map(g))",
        }.Select(s => VeldcWriter.Write(CompileRegister(s))).ToArray();

        var mutation =
            from which in Gen.Choose(0, originals.Length - 1)
            from kind in Gen.Choose(0, 3)
            from position in Gen.Choose(0, 1 << 20)
            from value in Gen.Choose(0, 255)
            from span in Gen.Choose(1, 8)
            select (which, kind, position, value, span);

        var (seed, gamma) = PropertySeed.Choose(output, nameof(MutatedFilesNeverCrashTheLoaderOrTheVm));
        int loaded = 0, rejected = 0, unverified = 0, failed = 0, limited = 0;
        var property = Prop.ForAll(mutation.ToArbitrary(), m =>
        {
            var bytes = Mutate(originals[m.which], m.kind, m.position, m.value, m.span);
            RegisterProgram program;
            try
            {
                program = VeldcReader.Read(bytes);
            }
            catch (VeldcFormatException e)
            {
                rejected++;
                if (e.InnerException is BytecodeVerificationException) unverified++;
                return true;
            }
            loaded++;
            var outcome = TierHost.Execute("register", RegisterVmTier.Load(program),
                new RunOptions { Fuel = 100_000, Timeout = TimeSpan.FromSeconds(5), MaxCallDepth = 200 }, null);
            // What the verifier and checker accept ends in a value or a Veld error, never an internal error.
            if (outcome.Kind == OutcomeKind.RuntimeError) failed++;
            if (outcome.Kind == OutcomeKind.LimitExceeded) limited++;
            bool fine = outcome.Kind != OutcomeKind.InternalError;
            if (!fine) output.WriteLine($"{outcome.Error!.Message}\n{Disassembler.Disassemble(program)}");
            return fine;
        });
        var replay = new Replay(new Rnd(seed, gamma), Microsoft.FSharp.Core.FSharpOption<int>.None);
        var config = Config.QuickThrowOnFailure.WithMaxTest(MutationCount).WithQuietOnSuccess(true)
            .WithReplay(Microsoft.FSharp.Core.FSharpOption<Replay>.Some(replay));
        try
        {
            FsCheck.Check.One(config, property);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"replay with {PropertySeed.Variable}={seed},{gamma}\n{e.Message}");
        }
        output.WriteLine($"{loaded} mutated files loaded and ran, {rejected} rejected");
        Console.WriteLine($"veldc mutations: {loaded + rejected} files, {rejected - unverified} rejected by the loader, " +
            $"{unverified} by the verifier or checker, {loaded} ran ({failed} to a Veld runtime error, {limited} to a limit), " +
            "0 internal errors");
        Assert.True(rejected > 0);
    }

    /// <summary>The AFL++ campaign's .veldc crashes (fuzzing/Veld.Fuzzing.Afl/regressions/veldc): each file, its
    /// length and checksum fitted the way the fuzz target fits them, is rejected by the loader or runs to a value or
    /// a Veld error. They were files the verifier accepted and the VM then failed on (GETPAYLOAD of a non-variant,
    /// APPEND to a closure or a string).</summary>
    [Theory]
    [MemberData(nameof(AflReproducers))]
    public void AflReproducersAreRejectedOrFailCleanly(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AflRegressions()!, name));
        if (bytes.Length >= VeldcFormat.HeaderSize) FitHeader(bytes);
        RegisterProgram program;
        try
        {
            program = VeldcReader.Read(bytes);
        }
        catch (VeldcFormatException)
        {
            return;
        }
        var outcome = TierHost.Execute("register", RegisterVmTier.Load(program),
            new RunOptions { Fuel = 100_000, Timeout = TimeSpan.FromSeconds(5), MaxCallDepth = 200 }, null);
        Assert.True(outcome.Kind != OutcomeKind.InternalError, outcome.Error?.Message);
    }

    public static IEnumerable<object[]> AflReproducers() =>
        AflRegressions() is { } dir ? Directory.EnumerateFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(f => new object[] { f! }) : [];

    private static string? AflRegressions() =>
        CorpusFiles.Root() is { } corpus ? Path.Combine(Path.GetDirectoryName(corpus)!, "fuzzing", "Veld.Fuzzing.Afl", "regressions", "veldc") : null;

    /// <summary>An empty register range still names a place in the frame: NEWARRAY of no elements at r255 of a
    /// small frame was accepted and the VM then took a span past the register file (found by the AFL++ campaign).</summary>
    [Fact]
    public void AnEmptyRegisterRangeOutsideTheFrameIsRejected()
    {
        var program = CompileRegister("fn f(a) a + 1 end\nprintln(f(3))");
        var f = Proto(program, "f");
        f.Code[0] = Instruction.ABC(OpCode.NewArray, 1, 255, 0);
        var error = Assert.Throws<VeldcFormatException>(() => VeldcReader.Read(VeldcWriter.Write(program)));
        Assert.Contains("outside the frame", error.Message);
        f.Code[0] = Instruction.ABC(OpCode.NewArray, 1, f.MaxStack, 0);
        Assert.Equal(OutcomeKind.Success, TierHost.Execute("register", RegisterVmTier.Load(VeldcReader.Read(VeldcWriter.Write(program))), new RunOptions(), null).Kind);
    }

    /// <summary>GETPAYLOAD and APPEND check their operand's kind in the VM: a file whose f reads a payload of, or
    /// appends to, its int parameter passes the verifier and ends in a Veld Type error.</summary>
    [Theory]
    [InlineData(OpCode.GetPayload, "GETPAYLOAD needs a variant with a payload 0, not a value of type int")]
    [InlineData(OpCode.Append, "APPEND needs an array, not a value of type int")]
    public void KindsTheVerifierLeavesToTheVmAreTypeErrors(OpCode op, string message)
    {
        var program = CompileRegister("fn f(a) a + 1 end\nprintln(f(3))");
        var f = Proto(program, "f");
        Assert.Equal(2, f.Code.Length);
        f.Code[0] = op == OpCode.GetPayload ? Instruction.ABC(op, 1, 0, 0) : Instruction.ABC(op, 0, 0, 1);
        f.Code[1] = Instruction.ABC(OpCode.Return, 0, 0, 0);
        var loaded = VeldcReader.Read(VeldcWriter.Write(program));
        var outcome = TierHost.Execute("register", RegisterVmTier.Load(loaded), new RunOptions(), null);
        Assert.Equal(OutcomeKind.RuntimeError, outcome.Kind);
        Assert.Equal("Type", outcome.Error!.Kind);
        Assert.Equal(message, outcome.Error.Message);
    }

    /// <summary>Mutated files per run: 400 in CI; <c>ci/veldc-mutations.sh</c> sets VELD_VELDC_MUTATIONS to run 100,000.</summary>
    private static int MutationCount =>
        int.TryParse(Environment.GetEnvironmentVariable("VELD_VELDC_MUTATIONS"), out int n) && n > 0 ? n : 400;

    /// <summary>One corruption; the checksum is then recomputed, except for kind 3 (truncation) half of the time.</summary>
    private static byte[] Mutate(byte[] original, int kind, int position, int value, int span)
    {
        var bytes = original.ToList();
        int payload = VeldcFormat.HeaderSize;
        int at = payload + position % Math.Max(1, bytes.Count - payload);
        switch (kind)
        {
            case 0: bytes[at] ^= (byte)(1 << (value % 8)); break;
            case 1:
                for (int i = 0; i < span && at + i < bytes.Count; i++) bytes[at + i] = (byte)(value + i * 37);
                break;
            case 2: bytes.InsertRange(at, Enumerable.Repeat((byte)value, span)); break;
            default: bytes.RemoveRange(at, Math.Min(span, bytes.Count - at)); break;
        }
        var result = bytes.ToArray();
        if (kind == 3 && value % 2 == 0) return result;
        FitHeader(result);
        return result;
    }

    /// <summary>Make the header's payload length and checksum fit the bytes, so damage reaches the parser and verifier.</summary>
    private static void FitHeader(byte[] file)
    {
        var payload = file.AsSpan(VeldcFormat.HeaderSize);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(12), (uint)payload.Length);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(16), VeldcFormat.Checksum(payload));
    }

    private static byte[] Patched(byte[] bytes, int at, byte value)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] = value;
        return copy;
    }

    private static string Load(byte[] bytes)
    {
        try
        {
            VeldcReader.Read(bytes);
            return "loaded";
        }
        catch (VeldcFormatException e)
        {
            return e.Message;
        }
    }
}
