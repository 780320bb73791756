using Veld.Language;
using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.Differential.Tests;

/// <summary>
/// A stand-in tier that runs a tiny line-oriented script instead of Veld, so the harness can be tested
/// without any real tier. Each line (text after " #" ignored) is one command:
/// <c>print TEXT</c>, <c>raise Kind message</c> (a runtime error on that line), <c>result int N</c> /
/// <c>result float N</c> / <c>result str S</c>, <c>args</c> (prints the program arguments joined by '|'), <c>spin</c> (loops, spending fuel: running out is compared), <c>timeout</c> (the time limit
/// strikes: inconclusive), <c>hang</c> (blocks without
/// checking limits until <see cref="ReleaseHangs"/>), <c>crash</c> (a .NET exception), <c>unsupported</c>
/// (refused at compile time). <paramref name="skew"/> lets a test plant a bug: it rewrites what the tier prints.
/// </summary>
public sealed class FakeTier(string name, Func<string, string>? skew = null, Func<Value, Value>? skewResult = null) : ITier
{
    public string Name => name;
    private static readonly ManualResetEventSlim HangRelease = new(false);

    public static void ReleaseHangs() => HangRelease.Set();

    public IExecutable Compile(CheckedProgram program)
    {
        var lines = program.Source.Text.Split('\n').Select(StripComment).ToArray();
        if (lines.Any(l => l == "unsupported")) throw new TierUnsupportedException($"{name} does not support the 'unsupported' command");
        return new Executable(lines, skew ?? (s => s), skewResult ?? (v => v));
    }

    private static string StripComment(string line)
    {
        int hash = line.IndexOf(" #", StringComparison.Ordinal);
        return (hash >= 0 ? line[..hash] : line.StartsWith('#') ? "" : line).Trim();
    }

    private sealed class Executable(string[] lines, Func<string, string> skew, Func<Value, Value> skewResult) : IExecutable
    {
        public long? CodeBytes => lines.Length * 4;

        public Value Execute(Veld.Runtime.ExecutionContext context)
        {
            var result = Value.Unit;
            for (int i = 0; i < lines.Length; i++)
            {
                var words = lines[i].Split(' ', 3);
                switch (words[0])
                {
                    case "print": context.Output.Write(skew(lines[i][6..]) + "\n"); break;
                    case "raise": throw new VeldRuntimeException(Enum.Parse<ErrorKind>(words[1]), words.Length > 2 ? words[2] : "", i + 1);
                    case "result":
                        result = words[1] switch
                        {
                            "int" => Value.FromInt(long.Parse(words[2])),
                            "float" => Value.FromFloat(double.Parse(words[2], System.Globalization.CultureInfo.InvariantCulture)),
                            _ => Value.FromString(words[2]),
                        };
                        break;
                    case "spin": while (true) context.Tick();
                    case "timeout": throw new VeldRuntimeException(ErrorKind.LimitExceeded, "time limit exceeded", i + 1);
                    case "hang": HangRelease.Wait(); break;
                    case "crash": throw new InvalidOperationException("the fake tier crashed");
                    case "args": context.Output.Write(string.Join("|", context.Args) + "\n"); break;
                }
            }
            return skewResult(result);
        }
    }
}

/// <summary>A front end stand-in: every source compiles to an empty program, except lines starting with
/// <c>bad</c>, which are compile errors ("bad syntax here" at that line, column 1).</summary>
public static class FakeFrontEnd
{
    public static CompileResult Compile(Source source)
    {
        if (source.EncodingError is { } encodingError) return new CompileResult(null, [encodingError]);
        var diagnostics = source.Text.Split('\n')
            .Select((line, index) => (line, index))
            .Where(x => x.line.StartsWith("bad", StringComparison.Ordinal))
            .Select(x => new Diagnostic("bad syntax here", new SourcePos(x.index + 1, 1)))
            .ToList();
        if (diagnostics.Count > 0) return new CompileResult(null, diagnostics);
        var program = new CheckedProgram
        {
            FileName = source.FileName,
            Source = source,
            Syntax = new ProgramNode { Statements = [] },
            Script = new FunctionNode { Parameters = [], Body = new Block { Statements = [] }, IsScript = true },
            Globals = [],
            Types = [],
            ErrorStruct = new StructDecl { Name = "Error", Fields = [] },
        };
        return new CompileResult(program, []);
    }
}
