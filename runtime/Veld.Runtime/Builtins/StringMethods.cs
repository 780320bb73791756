using System.Collections.Frozen;
using System.Text;

namespace Veld.Runtime;

/// <summary>
/// Builtin methods of strings. Positions and lengths count Unicode scalar values (a character outside the
/// BMP is one position), matching <c>s[i]</c> and <c>len</c>; comparisons of text are ordinal.
/// </summary>
internal static class StringMethods
{
    public static readonly FrozenSet<string> Names = FrozenSet.ToFrozenSet(
    [
        "len", "is_empty", "to_upper", "to_lower", "trim", "contains", "starts_with", "ends_with", "index_of",
        "substring", "split", "replace", "repeat", "chars", "to_int", "to_float", "to_str", "to_string",
    ], StringComparer.Ordinal);

    public static Value Call(VeldString str, string name, ReadOnlySpan<Value> args)
    {
        string method = "str." + name;
        string text = str.Text;
        switch (name)
        {
            case "len":
                BuiltinMethods.Expect(method, args, 0);
                return Value.FromInt(str.ScalarCount);
            case "is_empty":
                BuiltinMethods.Expect(method, args, 0);
                return Value.FromBool(text.Length == 0);
            case "to_upper":
                BuiltinMethods.Expect(method, args, 0);
                return Value.FromString(text.ToUpperInvariant());
            case "to_lower":
                BuiltinMethods.Expect(method, args, 0);
                return Value.FromString(text.ToLowerInvariant());
            case "trim":
                BuiltinMethods.Expect(method, args, 0);
                return Value.FromString(text.Trim());
            case "contains":
                BuiltinMethods.Expect(method, args, 1);
                return Value.FromBool(text.Contains(BuiltinMethods.Str(method, args[0]), StringComparison.Ordinal));
            case "starts_with":
                BuiltinMethods.Expect(method, args, 1);
                return Value.FromBool(text.StartsWith(BuiltinMethods.Str(method, args[0]), StringComparison.Ordinal));
            case "ends_with":
                BuiltinMethods.Expect(method, args, 1);
                return Value.FromBool(text.EndsWith(BuiltinMethods.Str(method, args[0]), StringComparison.Ordinal));
            case "index_of":
            {
                BuiltinMethods.Expect(method, args, 1);
                int offset = text.IndexOf(BuiltinMethods.Str(method, args[0]), StringComparison.Ordinal);
                return Value.FromInt(offset < 0 ? -1 : ScalarIndex(str, offset));
            }
            case "substring":
            {
                BuiltinMethods.Expect(method, args, 2);
                var (start, end) = BuiltinMethods.Span(method, args[0], args[1], str.ScalarCount, "str");
                int from = str.OffsetOf(start), to = str.OffsetOf(end);
                return Value.FromString(text[from..to]);
            }
            case "split":
                BuiltinMethods.Expect(method, args, 1);
                return Split(str, BuiltinMethods.Str(method, args[0]));
            case "replace":
                BuiltinMethods.Expect(method, args, 2);
                return Value.FromString(Replace(str, BuiltinMethods.Str(method, args[0]), BuiltinMethods.Str(method, args[1])));
            case "repeat":
            {
                BuiltinMethods.Expect(method, args, 1);
                long count = BuiltinMethods.Int(method, args[0]);
                if (count < 0) throw Fail.Value($"str.repeat count must not be negative, got {count}");
                if (count == 0 || text.Length == 0) return Value.FromString("");
                Int128 length = (Int128)count * text.Length;
                if (length > RuntimeLimits.MaxStringLength) throw Fail.TooLong("string", (long)Int128.Min(length, long.MaxValue));
                RunBudget.Spend((long)length);
                return Value.FromString(new StringBuilder((int)length).Insert(0, text, (int)count).ToString());
            }
            case "chars":
                BuiltinMethods.Expect(method, args, 0);
                return Chars(str);
            case "to_int":
                BuiltinMethods.Expect(method, args, 0);
                return Value.FromInt(NumberParsing.ParseInt(text));
            case "to_float":
                BuiltinMethods.Expect(method, args, 0);
                return Value.FromFloat(NumberParsing.ParseFloat(text));
            default:
                BuiltinMethods.Expect(method, args, 0);
                return Value.FromObject(str);
        }
    }

    /// <summary>The scalar index of UTF-16 offset <paramref name="offset"/>.</summary>
    private static int ScalarIndex(VeldString str, int offset)
    {
        if (str.IsSimple) return offset;
        int scalars = 0;
        for (int i = 0; i < offset; i++)
        {
            if (char.IsHighSurrogate(str.Text[i]) && i + 1 < str.Text.Length && char.IsLowSurrogate(str.Text[i + 1])) i++;
            scalars++;
        }
        return scalars;
    }

    private static Value Chars(VeldString str)
    {
        RunBudget.Spend(str.ScalarCount);
        var items = new List<Value>(str.ScalarCount);
        for (int i = 0; i < str.ScalarCount; i++) items.Add(Strings.OneScalar(str.ScalarAt(i)));
        return Value.FromObject(new VeldArray(items));
    }

    /// <summary>Split on every occurrence, keeping empty pieces; an empty separator splits into scalars.</summary>
    private static Value Split(VeldString str, string separator)
    {
        if (separator.Length == 0) return Chars(str);
        RunBudget.Spend(str.Text.Length);
        var pieces = str.Text.Split(separator, StringSplitOptions.None);
        return Value.FromObject(new VeldArray(pieces.Select(Value.FromString)));
    }

    /// <summary>Replace every occurrence. An empty pattern matches before every scalar and at the end
    /// (<c>"ab".replace("", "-")</c> is <c>"-a-b-"</c>), as in Python and Rust.</summary>
    private static string Replace(VeldString str, string pattern, string replacement)
    {
        string text = str.Text;
        if (pattern.Length == 0)
        {
            long length = text.Length + (long)(str.ScalarCount + 1) * replacement.Length;
            if (length > RuntimeLimits.MaxStringLength) throw Fail.TooLong("string", length);
            RunBudget.Spend(length);
            var sb = new StringBuilder((int)length);
            for (int i = 0; i < str.ScalarCount; i++) sb.Append(replacement).Append(str.ScalarAt(i));
            return sb.Append(replacement).ToString();
        }
        long matches = 0;
        for (int at = text.IndexOf(pattern, StringComparison.Ordinal); at >= 0;
             at = text.IndexOf(pattern, at + pattern.Length, StringComparison.Ordinal))
            matches++;
        long resultLength = text.Length + matches * (replacement.Length - pattern.Length);
        if (resultLength > RuntimeLimits.MaxStringLength) throw Fail.TooLong("string", resultLength);
        RunBudget.Spend(text.Length + resultLength);
        return text.Replace(pattern, replacement, StringComparison.Ordinal);
    }
}
