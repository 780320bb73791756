using Veld.Language;
using Veld.Runtime;

namespace Veld.Differential;

/// <summary>
/// Reads a corpus program's expectations from its comments (the format of corpus/README.md):
/// <code>
/// # tags: closures, upvalues          in the leading comment lines, before any code
/// # fuel: 500                         likewise: every run gets this much fuel (docs/SPEC.md section 16)
/// println(x)        # expect: 1       the next line of stdout (a whole-line comment works too)
/// let z = 1 / 0     # expect runtime error: DivisionByZero       or  Kind: message
/// let 3 = x         # expect compile error: expected ... but found ...   (several allowed)
/// # expect result: [1, 2]             the program result's display form
/// # expect stack: f at 3:9, script at 7:1     the error's call stack, innermost first
/// </code>
/// The rule: an expectation is a <c>#</c> line comment (found by <see cref="CommentScanner"/>, so a
/// <c>#</c> in a string or a block comment is not one) whose text starts with <c>expect</c> followed
/// by <c>:</c> or by a form name and <c>:</c>. One space after the colon is dropped; the rest is
/// taken verbatim. A comment that looks like an expectation but names an unknown form, or a second
/// runtime-error or result expectation, is an <see cref="ExpectationProblem"/>.
/// </summary>
public static class ExpectationParser
{
    private const string Keyword = "expect";
    private static readonly string[] RuntimeErrorKinds = Enum.GetNames<ErrorKind>();

    public static CorpusProgram Parse(string path, Source source)
    {
        var tags = new List<string>();
        var output = new List<OutputExpectation>();
        var compileErrors = new List<CompileErrorExpectation>();
        var problems = new List<ExpectationProblem>();
        RuntimeErrorExpectation? runtimeError = null;
        ResultExpectation? result = null;
        long? fuel = null;
        StackExpectation? stack = null;
        var scan = CommentScanner.Scan(source.Text);

        foreach (var comment in scan.Comments)
        {
            var text = comment.Text.TrimStart();
            bool inLeadingComments = comment.Line < scan.FirstCodeLine;
            if (inLeadingComments && TryStripLabel(text, "tags", out var tagList))
            {
                tags.AddRange(tagList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
                continue;
            }
            if (inLeadingComments && TryStripLabel(text, "fuel", out var fuelText))
            {
                if (long.TryParse(fuelText.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long declared))
                    fuel = declared;
                else problems.Add(new(comment.Line, $"'# fuel:' needs a whole number of steps, not '{fuelText}'"));
                continue;
            }
            if (!text.StartsWith(Keyword, StringComparison.Ordinal)) continue;
            var rest = text[Keyword.Length..];

            if (rest.StartsWith(':'))
            {
                output.Add(new OutputExpectation(comment.Line, Value(rest[1..])));
                continue;
            }
            // "expected", "expectations": ordinary prose, not an expectation.
            if (rest.Length == 0 || !char.IsWhiteSpace(rest[0])) continue;
            rest = rest.TrimStart();

            if (TryStripLabel(rest, "runtime error", out var error))
            {
                var parsed = ParseRuntimeError(comment.Line, error, problems);
                if (parsed is null) continue;
                if (runtimeError is not null)
                    problems.Add(new(comment.Line, $"a second runtime error expectation (the first is on line {runtimeError.Line}); a run ends at its first error"));
                else runtimeError = parsed;
            }
            else if (TryStripLabel(rest, "compile error", out var message))
            {
                if (message.Length == 0) problems.Add(new(comment.Line, "'# expect compile error:' needs the message"));
                else compileErrors.Add(new CompileErrorExpectation(comment.Line, message));
            }
            else if (TryStripLabel(rest, "stack", out var frames))
            {
                if (stack is not null)
                    problems.Add(new(comment.Line, $"a second stack expectation (the first is on line {stack.Line})"));
                else stack = new StackExpectation(comment.Line, frames);
            }
            else if (TryStripLabel(rest, "result", out var display))
            {
                if (result is not null)
                    problems.Add(new(comment.Line, $"a second result expectation (the first is on line {result.Line})"));
                else result = new ResultExpectation(comment.Line, display);
            }
            else if (LooksLikeForm(rest, out var form))
            {
                problems.Add(new(comment.Line,
                    $"unknown expectation '# expect {form}:'; the forms are 'expect:', 'expect runtime error:', 'expect compile error:', 'expect stack:', 'expect result:'"));
            }
        }

        if (stack is not null && runtimeError is null)
            problems.Add(new(stack.Line, "a stack can only be expected of a run that ends in a runtime error ('# expect runtime error:')"));
        if (runtimeError is not null && result is not null)
            problems.Add(new(result.Line, $"a result cannot be expected from a run that ends in a runtime error (line {runtimeError.Line})"));

        return new CorpusProgram
        {
            Path = path,
            Source = source,
            Tags = tags,
            Fuel = fuel,
            Output = output,
            RuntimeError = runtimeError,
            Stack = stack,
            CompileErrors = compileErrors,
            Result = result,
            Problems = problems,
        };
    }

    private static RuntimeErrorExpectation? ParseRuntimeError(int line, string text, List<ExpectationProblem> problems)
    {
        int colon = text.IndexOf(':');
        var kind = (colon < 0 ? text : text[..colon]).Trim();
        string? message = colon < 0 ? null : Value(text[(colon + 1)..]);
        if (!RuntimeErrorKinds.Contains(kind, StringComparer.Ordinal))
        {
            problems.Add(new(line, $"unknown runtime error kind '{kind}'; the kinds are {string.Join(", ", RuntimeErrorKinds)}"));
            return null;
        }
        return new RuntimeErrorExpectation(line, kind, message);
    }

    /// <summary><paramref name="text"/> is <c>label:</c> followed by the value (spaces allowed before the colon).</summary>
    private static bool TryStripLabel(string text, string label, out string value)
    {
        value = "";
        if (!text.StartsWith(label, StringComparison.Ordinal)) return false;
        var after = text[label.Length..].TrimStart(' ', '\t');
        if (!after.StartsWith(':')) return false;
        value = Value(after[1..]);
        return true;
    }

    /// <summary>The text after a colon: one separating space dropped, the rest verbatim.</summary>
    private static string Value(string afterColon) => afterColon.StartsWith(' ') ? afterColon[1..] : afterColon;

    /// <summary>"words words:" — a form name that is not one of ours (prose without a colon is not).</summary>
    private static bool LooksLikeForm(string rest, out string form)
    {
        int colon = rest.IndexOf(':');
        form = colon < 0 ? "" : rest[..colon].Trim();
        return colon > 0 && form.Length > 0 && form.All(ch => char.IsLetter(ch) || ch == ' ');
    }
}
