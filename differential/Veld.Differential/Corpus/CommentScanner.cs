namespace Veld.Differential;

/// <summary>The line comments of a source and the line of its first code (int.MaxValue when it has none).</summary>
public sealed record CommentScan(IReadOnlyList<LineComment> Comments, int FirstCodeLine);

/// <summary>A <c>#</c> line comment: its 1-based line, its text after the <c>#</c> (without the line break),
/// and whether code stands before it on the same line.</summary>
public readonly record struct LineComment(int Line, string Text, bool FollowsCode);

/// <summary>
/// Finds the line comments of a Veld source without parsing it, so that expectations can be read
/// even from programs that do not compile. A small lexer for exactly the three things that can hide
/// a <c>#</c>: string literals (<c>"..."</c>, may span lines, <c>\</c> escapes the next character),
/// char literals (<c>'#'</c>, end at the line's end at the latest) and block comments
/// (<c>#[[ ... ]]</c>, nest, may span lines). A string ends at its first unescaped <c>"</c>, the rule
/// the lexer uses, so interpolations in macro strings are part of the string they sit in.
/// </summary>
public static class CommentScanner
{
    private enum State { Code, String, Char, BlockComment }

    public static CommentScan Scan(string text)
    {
        int firstCodeLine = int.MaxValue;
        var comments = new List<LineComment>();
        var state = State.Code;
        int line = 1, blockDepth = 0;
        bool codeOnLine = false;

        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\n')
            {
                line++;
                codeOnLine = false;
                if (state == State.Char) state = State.Code;
                continue;
            }
            switch (state)
            {
                case State.Code:
                    if (c == '"') { state = State.String; codeOnLine = true; }
                    else if (c == '\'') { state = State.Char; codeOnLine = true; }
                    else if (c == '#' && At(text, i + 1, "[["))
                    {
                        state = State.BlockComment;
                        blockDepth = 1;
                        i += 2;
                    }
                    else if (c == '#')
                    {
                        int end = text.IndexOf('\n', i);
                        if (end < 0) end = text.Length;
                        comments.Add(new LineComment(line, text[(i + 1)..end].TrimEnd('\r'), codeOnLine));
                        i = end - 1;
                    }
                    else if (!char.IsWhiteSpace(c)) codeOnLine = true;
                    if (codeOnLine && line < firstCodeLine) firstCodeLine = line;
                    break;

                case State.String:
                case State.Char:
                    // An escaped newline still counts as a line; the loop's newline check must see it.
                    if (c == '\\' && i + 1 < text.Length && text[i + 1] != '\n') i++;
                    else if (c == (state == State.String ? '"' : '\'')) state = State.Code;
                    break;

                case State.BlockComment:
                    if (c == '#' && At(text, i + 1, "[[")) { blockDepth++; i += 2; }
                    else if (c == ']' && At(text, i + 1, "]"))
                    {
                        i++;
                        if (--blockDepth == 0) state = State.Code;
                    }
                    break;
            }
        }
        return new CommentScan(comments, firstCodeLine);
    }

    private static bool At(string text, int index, string what) =>
        string.CompareOrdinal(text, index, what, 0, what.Length) == 0;
}
