using System.Diagnostics;
using Veld.Language;
using Veld.Language.Syntax;

namespace Veld.Runtime;

/// <summary>
/// Runs programs on a tier the same way for every tier: on a <see cref="LargeStack"/> thread, with output
/// captured (and teed to <see cref="RunOptions.Output"/>), with compile time, run time and allocation
/// measured, and with every failure turned into a <see cref="RunOutcome"/>. Nothing escapes a run.
/// </summary>
public static class TierHost
{
    /// <summary>Compile a source text and run it on <paramref name="tier"/>.</summary>
    public static RunOutcome CompileAndRun(ITier tier, Source source, RunOptions options)
    {
        var compiled = VeldCompiler.Compile(source);
        if (!compiled.Success)
            return CompileErrorOutcome(tier.Name, compiled.Diagnostics[0]);
        return Run(tier, compiled.Program!, options);
    }

    public static RunOutcome CompileErrorOutcome(string tier, Diagnostic first) => new()
    {
        Tier = tier,
        Kind = OutcomeKind.CompileError,
        Stdout = "",
        Error = new RunError("Compile", first.Message, first.Pos.Line, first.Pos.Column),
    };

    /// <summary>Compile a checked program on <paramref name="tier"/> and run it once.</summary>
    public static RunOutcome Run(ITier tier, CheckedProgram program, RunOptions options) =>
        LargeStack.Run($"veld-{tier.Name}", () => RunOnThisThread(tier, program, options));

    private static RunOutcome RunOnThisThread(ITier tier, CheckedProgram program, RunOptions options)
    {
        var clock = Stopwatch.StartNew();
        IExecutable executable;
        try
        {
            executable = tier.Compile(program);
        }
        catch (TierUnsupportedException e)
        {
            return Failed(tier.Name, OutcomeKind.Unsupported, new RunError("Unsupported", e.Message, 0), "", new RunMetrics());
        }
        catch (Exception e)
        {
            return Failed(tier.Name, OutcomeKind.InternalError, new RunError("Internal", $"compiler crashed: {e}", 0), "", new RunMetrics());
        }
        var compileMs = clock.Elapsed.TotalMilliseconds;
        return Execute(tier.Name, executable, options, compileMs);
    }

    /// <summary>Run an already compiled executable on the current thread (callers that reuse one
    /// executable for many runs, such as benchmarks, call this from their own large-stack thread).</summary>
    public static RunOutcome Execute(string tierName, IExecutable executable, RunOptions options, double? compileMs)
    {
        var captured = new StringWriter { NewLine = "\n" };
        TextWriter output = options.Output is null ? captured : new TeeWriter(captured, options.Output);
        var clock = Stopwatch.StartNew();
        var context = new ExecutionContext(options, output, clock);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        RunMetrics Metrics() => new()
        {
            CompileMs = compileMs,
            RunMs = clock.Elapsed.TotalMilliseconds,
            CodeBytes = executable.CodeBytes,
            Instructions = context.Instructions,
            AllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore,
        };

        // The runtime's long loops (sort, display, string building) charge their work to this run.
        using var budget = RunBudget.Enter(context);
        try
        {
            var result = executable.Execute(context);
            output.Flush();
            return new RunOutcome { Tier = tierName, Kind = OutcomeKind.Success, Stdout = captured.ToString(), Result = result, Metrics = Metrics() };
        }
        catch (VeldRuntimeException e)
        {
            output.Flush();
            var kind = e.Kind == ErrorKind.LimitExceeded ? OutcomeKind.LimitExceeded : OutcomeKind.RuntimeError;
            return Failed(tierName, kind, new RunError(e.Kind.ToString(), e.Message, e.Line, e.Column, e.Stack), captured.ToString(), Metrics());
        }
        catch (InsufficientExecutionStackException)
        {
            // A recursion guard (RuntimeHelpers.EnsureSufficientExecutionStack) tripped before the depth counter did.
            output.Flush();
            return Failed(tierName, OutcomeKind.RuntimeError,
                new RunError(nameof(ErrorKind.StackOverflow), NativeStack.Exhausted().Message, 0), captured.ToString(), Metrics());
        }
        catch (OutOfMemoryException)
        {
            // An allocation the runtime refused (an array past its largest size, or no memory left) is the
            // memory limit, never an internal error.
            output.Flush();
            return Failed(tierName, OutcomeKind.LimitExceeded,
                new RunError(nameof(ErrorKind.LimitExceeded), MemoryLimit.Exceeded(options.MaxMemory).Message, 0), captured.ToString(), Metrics());
        }
        catch (TierUnsupportedException e)
        {
            return Failed(tierName, OutcomeKind.Unsupported, new RunError("Unsupported", e.Message, 0), captured.ToString(), Metrics());
        }
        catch (Exception e)
        {
            return Failed(tierName, OutcomeKind.InternalError, new RunError("Internal", e.ToString(), 0), captured.ToString(), Metrics());
        }
    }

    private static RunOutcome Failed(string tier, OutcomeKind kind, RunError error, string stdout, RunMetrics metrics) =>
        new() { Tier = tier, Kind = kind, Stdout = stdout, Error = error, Metrics = metrics };

    /// <summary>Writes everything to two writers: the capture and the live output.</summary>
    private sealed class TeeWriter(TextWriter first, TextWriter second) : TextWriter
    {
        public override System.Text.Encoding Encoding => second.Encoding;
        public override void Write(char value) { first.Write(value); second.Write(value); }
        public override void Write(string? value) { first.Write(value); second.Write(value); }
        public override void Write(ReadOnlySpan<char> buffer) { first.Write(buffer); second.Write(buffer); }
        public override void Flush() { first.Flush(); second.Flush(); }
    }
}
