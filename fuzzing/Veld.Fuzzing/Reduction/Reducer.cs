using System.Collections;
using System.Diagnostics;
using Veld.Language.Printing;
using Veld.Language;
using Veld.Language.Syntax;

namespace Veld.Fuzzing.Reduction;

/// <summary>Limits of one reduction.</summary>
public sealed record ReducerOptions
{
    /// <summary>Candidates handed to the interestingness test before the reducer stops where it is.</summary>
    public int MaxTests { get; init; } = 10_000;
    /// <summary>Wall-clock budget; null for none.</summary>
    public TimeSpan? Timeout { get; init; }
    public CancellationToken Cancellation { get; init; }
    /// <summary>Called after every accepted step with the new program's line count.</summary>
    public Action<int>? Progress { get; init; }
    /// <summary>File name used when compiling candidates (it appears in nothing the reducer keeps).</summary>
    public string FileName { get; init; } = "reduce.veld";
}

/// <summary>What a reduction did.</summary>
public sealed record ReductionResult
{
    /// <summary>The reduced program, or the original when nothing smaller stayed interesting.</summary>
    public required string Source { get; init; }
    /// <summary>False when the original itself was not interesting (nothing was reduced).</summary>
    public required bool OriginalWasInteresting { get; init; }
    public required int LinesBefore { get; init; }
    public required int LinesAfter { get; init; }
    /// <summary>Candidates that compiled and were tested for interestingness.</summary>
    public required int Tests { get; init; }
    /// <summary>Candidates kept.</summary>
    public required int Steps { get; init; }
    /// <summary>A limit (tests, time, cancellation) stopped the reduction before a fixpoint.</summary>
    public required bool Stopped { get; init; }
    public required TimeSpan Elapsed { get; init; }

    public string Summary => OriginalWasInteresting
        ? $"{LinesBefore} -> {LinesAfter} lines ({Steps} steps, {Tests} tests{(Stopped ? ", stopped at a limit" : "")})"
        : "the original program is not interesting; nothing to reduce";
}

/// <summary>
/// Shrinks a program while a test of interest keeps passing, in the manner of C-Reduce: passes over the
/// syntax tree (delete statements and list items ddmin-style, splice blocks into their surroundings,
/// replace expressions by parts of themselves or by literals, drop parameters, inline calls), repeated
/// until none makes progress. Every candidate is printed and re-compiled; one with a compile error is
/// skipped, so each step is a well-formed program. A step is kept only if the program gets strictly
/// smaller (fewer syntax nodes, or as many and less text), so the process ends, and the result is
/// never larger than the input.
/// </summary>
public sealed class Reducer
{
    private readonly Func<string, bool> _isInteresting;
    private readonly ReducerOptions _options;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly HashSet<string> _tried = new(StringComparer.Ordinal);
    private ProgramNode _current;
    private string _currentText;
    private (int Nodes, int Chars) _currentSize;
    private int _tests;
    private int _steps;
    private bool _stopped;

    private Reducer(ProgramNode start, string text, Func<string, bool> isInteresting, ReducerOptions options)
    {
        _current = start;
        _currentText = text;
        _currentSize = SizeOf(start, text);
        _isInteresting = isInteresting;
        _options = options;
    }

    /// <summary>Reduces <paramref name="source"/> while <paramref name="isInteresting"/> holds.</summary>
    public static ReductionResult Reduce(string source, Func<string, bool> isInteresting, ReducerOptions? options = null)
    {
        options ??= new ReducerOptions();
        var clock = Stopwatch.StartNew();
        int linesBefore = CountLines(source);
        ReductionResult Unchanged(bool interesting, int tests) => new()
        {
            Source = source, OriginalWasInteresting = interesting, LinesBefore = linesBefore, LinesAfter = linesBefore,
            Tests = tests, Steps = 0, Stopped = false, Elapsed = clock.Elapsed,
        };

        var compiled = VeldCompiler.Compile(new Source(options.FileName, source));
        if (!isInteresting(source)) return Unchanged(false, 1);
        if (!compiled.Success) return Unchanged(true, 1); // only well-formed programs are reduced

        // Work on the printed form; if printing alone loses the interesting behaviour (it moves lines),
        // there is nothing this reducer can do.
        var printed = SourcePrinter.Print(compiled.Program!.Syntax);
        var start = VeldCompiler.Compile(new Source(options.FileName, printed));
        if (!start.Success || (printed != source && !isInteresting(printed))) return Unchanged(true, 2);

        var reducer = new Reducer(start.Program!.Syntax, printed, isInteresting, options);
        reducer.Run();
        var reduced = reducer._currentText;
        bool smaller = CountLines(reduced) < linesBefore || (CountLines(reduced) == linesBefore && reduced.Length < source.Length);
        var result = smaller ? reduced : source;
        return new ReductionResult
        {
            Source = result,
            OriginalWasInteresting = true,
            LinesBefore = linesBefore,
            LinesAfter = CountLines(result),
            Tests = reducer._tests + 2,
            Steps = reducer._steps,
            Stopped = reducer._stopped,
            Elapsed = clock.Elapsed,
        };
    }

    /// <summary>Non-blank lines.</summary>
    public static int CountLines(string source) =>
        source.Split('\n').Count(l => !string.IsNullOrWhiteSpace(l));

    private static (int Nodes, int Chars) SizeOf(ProgramNode program, string text) =>
        (SyntaxTraversal.Descendants(program).Count(), text.Length);

    private void Run()
    {
        bool progress = true;
        while (progress && !OutOfBudget())
        {
            progress = false;
            progress |= IsolateExpression();
            progress |= DeleteListItems([ListKind.Statements], chunked: true);
            progress |= SpliceStatements();
            progress |= DeleteListItems([ListKind.MatchArms, ListKind.Methods, ListKind.IfBranches, ListKind.Elements, ListKind.MapEntries,
                ListKind.FormatParts, ListKind.Variants, ListKind.Fields], chunked: true);
            progress |= SimplifyExpressions();
            progress |= DropParameters();
            progress |= DeleteListItems([ListKind.Arguments], chunked: false);
            progress |= InlineCalls();
        }
    }

    private bool OutOfBudget()
    {
        if (_stopped) return true;
        if (_tests >= _options.MaxTests || _options.Cancellation.IsCancellationRequested
            || (_options.Timeout is { } t && _clock.Elapsed > t))
            _stopped = true;
        return _stopped;
    }

    /// <summary>Tests one candidate; keeps it if it is smaller, compiles and is still interesting.</summary>
    private bool Try(ProgramNode candidate)
    {
        if (OutOfBudget()) return false;
        string text;
        try { text = SourcePrinter.Print(candidate); }
        catch (InvalidOperationException) { return false; } // a tree the printer refuses (too deep)
        if (!_tried.Add(text)) return false;
        var size = SizeOf(candidate, text);
        if (size.Nodes > _currentSize.Nodes || (size.Nodes == _currentSize.Nodes && size.Chars >= _currentSize.Chars)) return false;
        var compiled = VeldCompiler.Compile(new Source(_options.FileName, text));
        if (!compiled.Success) return false;
        _tests++;
        if (!_isInteresting(text)) return false;
        _current = compiled.Program!.Syntax;
        _currentText = text;
        _currentSize = SizeOf(_current, text);
        _steps++;
        _options.Progress?.Invoke(CountLines(text));
        return true;
    }

    // ---- passes -------------------------------------------------------------------------------------

    /// <summary>
    /// Tries each self-contained expression of the program (one that names no variable) as the whole
    /// program, smallest first: when the behaviour hangs on one operation, this finds it in a single step
    /// wherever it sits (a method nobody calls, a branch, a lambda).
    /// </summary>
    private bool IsolateExpression()
    {
        var candidates = SiteCollector.Of(_current).Expressions.Where(Simplifications.IsClosed)
            .Select(e => (Expr: e, Size: SyntaxTraversal.Descendants(e).Count()))
            .Where(c => c.Size + 2 < _currentSize.Nodes)
            .OrderBy(c => c.Size).Select(c => c.Expr).ToList();
        foreach (var e in candidates)
        {
            if (OutOfBudget()) break;
            if (Try(new ProgramNode { Statements = [new ExprStmt { Expr = e, Pos = e.Pos }] })) return true;
        }
        return false;
    }

    /// <summary>ddmin over lists: remove the whole list, then halves, quarters ... single items; after a
    /// removal, the same chunk position is tried again on the shorter list.</summary>
    private bool DeleteListItems(ListKind[] kinds, bool chunked)
    {
        bool progress = false;
        for (int site = 0; !OutOfBudget(); site++)
        {
            var lists = SiteCollector.Of(_current).Lists;
            if (site >= lists.Count) break;
            if (!kinds.Contains(lists[site].Kind)) continue;
            int n = lists[site].Items.Count;
            for (int chunk = chunked ? n : 1; chunk >= 1 && n > 0; chunk = chunk == 1 ? 0 : Math.Max(1, chunk / 2))
            {
                for (int start = 0; start < n && !OutOfBudget();)
                {
                    int from = start, count = Math.Min(chunk, n - start);
                    var candidate = new EditList(site, items => Without(items, from, count)).Rewrite(_current);
                    if (Try(candidate))
                    {
                        progress = true;
                        n -= count;
                    }
                    else start += chunk;
                }
            }
        }
        return progress;
    }

    private static IList Without(IList items, int from, int count)
    {
        var result = new List<object?>();
        for (int i = 0; i < items.Count; i++)
            if (i < from || i >= from + count) result.Add(items[i]);
        return result;
    }

    /// <summary>Replaces a block-shaped statement by the statements of one of its blocks, in place.</summary>
    private bool SpliceStatements()
    {
        bool progress = false;
        for (int site = 0; !OutOfBudget(); site++)
        {
            var lists = SiteCollector.Of(_current).Lists;
            if (site >= lists.Count) break;
            if (lists[site].Kind != ListKind.Statements) continue;
            var statements = lists[site].Items.Cast<Stmt>().ToList();
            for (int i = 0; i < statements.Count && !OutOfBudget(); i++)
            {
                foreach (var replacement in Simplifications.Splices(statements[i]))
                {
                    int at = i;
                    var candidate = new EditList(site, items =>
                    {
                        var list = items.Cast<Stmt>().ToList();
                        list.RemoveAt(at);
                        list.InsertRange(at, replacement);
                        return list;
                    }).Rewrite(_current);
                    if (Try(candidate))
                    {
                        progress = true;
                        statements = SiteCollector.Of(_current).Lists[site].Items.Cast<Stmt>().ToList();
                        i--;
                        break;
                    }
                }
            }
        }
        return progress;
    }

    /// <summary>Replaces each expression by a part of itself or a literal; a replaced site is tried again.</summary>
    private bool SimplifyExpressions()
    {
        bool progress = false;
        for (int site = 0; !OutOfBudget(); site++)
        {
            var expressions = SiteCollector.Of(_current).Expressions;
            if (site >= expressions.Count) break;
            foreach (var replacement in Simplifications.Of(expressions[site]))
            {
                if (Try(new ReplaceExpression(site, replacement).Rewrite(_current)))
                {
                    progress = true;
                    site--;
                    break;
                }
            }
        }
        return progress;
    }

    private bool DropParameters()
    {
        bool progress = false;
        var functions = SyntaxTraversal.Descendants(_current).OfType<FunctionNode>()
            .Where(f => f.Name is not null && !f.IsLambda)
            .Select(f => (Name: f.Name!, f.Parameters.Count, f.HasSelf)).Distinct().ToList();
        foreach (var (name, count, hasSelf) in functions)
        {
            for (int p = count - 1; p >= (hasSelf ? 1 : 0) && !OutOfBudget(); p--)
                progress |= Try(new DropParameter(name, p).Rewrite(_current));
        }
        return progress;
    }

    /// <summary>Pastes the body of a called function (declared once, no <c>return</c>) in place of a call.</summary>
    private bool InlineCalls()
    {
        bool progress = false;
        for (int site = 0; !OutOfBudget(); site++)
        {
            var expressions = SiteCollector.Of(_current).Expressions;
            if (site >= expressions.Count) break;
            if (expressions[site] is not CallExpr { Callee: NameExpr callee } call) continue;
            var declarations = SyntaxTraversal.Descendants(_current).OfType<FnDecl>().Where(f => f.Function.Name == callee.Name).ToList();
            if (declarations.Count != 1) continue;
            var f = declarations[0].Function;
            if (f.Parameters.Count != call.Args.Count || !Simplifications.IsInlinable(f)) continue;
            int calls = SiteCollector.Of(_current).Expressions.Count(e => e is CallExpr { Callee: NameExpr n } && n.Name == callee.Name);
            progress |= (calls == 1 && Try(new InlineCall(call, f, removeDeclaration: true).Rewrite(_current)))
                || Try(new InlineCall(call, f, removeDeclaration: false).Rewrite(_current));
        }
        return progress;
    }
}
