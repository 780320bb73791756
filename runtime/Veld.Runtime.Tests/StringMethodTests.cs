using static Veld.Runtime.Tests.V;

namespace Veld.Runtime.Tests;

public class StringMethodTests
{
    private readonly ExecutionContext _context = Contexts.New();
    private Value Call(string target, string name, params Value[] args) => BuiltinMethods.Call(_context, S(target), name, args);
    private string Text(string target, string name, params Value[] args) => Call(target, name, args).As<VeldString>().Text;
    private static string Show(Value v) => Display.Show(v);

    private const string Emoji = "\U0001F600";

    [Fact]
    public void Len_and_is_empty_count_scalars()
    {
        Assert.Equal(5, Call($"h{Emoji}llo", "len").AsInt);
        Assert.Equal(0, Call("", "len").AsInt);
        Assert.True(Call("", "is_empty").AsBool);
        Assert.False(Call(" ", "is_empty").AsBool);
    }

    [Fact]
    public void Case_and_trim()
    {
        Assert.Equal("HÉLLO", Text("héllo", "to_upper"));
        Assert.Equal("straße", Text("STRAßE", "to_lower"));
        Assert.Equal("a b", Text(" \t\na b \r\n", "trim"));
    }

    [Fact]
    public void Contains_starts_with_ends_with_are_ordinal()
    {
        Assert.True(Call("hello", "contains", S("ell")).AsBool);
        Assert.True(Call("hello", "contains", S("")).AsBool);
        Assert.False(Call("hello", "contains", S("L")).AsBool);
        Assert.False(Call("e\u0301", "contains", S("é")).AsBool);
        Assert.True(Call("hello", "starts_with", S("he")).AsBool);
        Assert.False(Call("hello", "starts_with", S("lo")).AsBool);
        Assert.True(Call("hello", "ends_with", S("lo")).AsBool);
        Raises(ErrorKind.Type, "str.contains expects a str, got int", () => Call("1", "contains", I(1)));
    }

    [Fact]
    public void Index_of_counts_scalars_and_gives_minus_one_when_absent()
    {
        Assert.Equal(2, Call("hello", "index_of", S("l")).AsInt);
        Assert.Equal(2, Call($"{Emoji}{Emoji}ab", "index_of", S("a")).AsInt);
        Assert.Equal(1, Call($"a{Emoji}b", "index_of", S(Emoji)).AsInt);
        Assert.Equal(-1, Call("hello", "index_of", S("z")).AsInt);
        Assert.Equal(0, Call("hello", "index_of", S("")).AsInt);
    }

    [Fact]
    public void Substring_is_end_exclusive_by_scalar()
    {
        Assert.Equal("ell", Text("hello", "substring", I(1), I(4)));
        Assert.Equal("", Text("hello", "substring", I(5), I(5)));
        Assert.Equal($"{Emoji}b", Text($"a{Emoji}bc", "substring", I(1), I(3)));
        Raises(ErrorKind.Index, "str.substring 2..6 out of range for str of length 5", () => Call("hello", "substring", I(2), I(6)));
        Raises(ErrorKind.Index, "str.substring 3..2 out of range for str of length 5", () => Call("hello", "substring", I(3), I(2)));
        Raises(ErrorKind.Index, "str.substring -1..2 out of range for str of length 5", () => Call("hello", "substring", I(-1), I(2)));
        Raises(ErrorKind.Type, "str.substring expects an int, got str", () => Call("hello", "substring", S("1"), I(2)));
    }

    [Fact]
    public void Split_keeps_empty_pieces()
    {
        Assert.Equal("[\"a\", \"b\", \"\", \"c\"]", Show(Call("a,b,,c", "split", S(","))));
        Assert.Equal("[\"\", \"a\", \"\"]", Show(Call(",a,", "split", S(","))));
        Assert.Equal("[\"\"]", Show(Call("", "split", S(","))));
        Assert.Equal("[\"a\", \"b\"]", Show(Call("a::b", "split", S("::"))));
        Assert.Equal("[\"abc\"]", Show(Call("abc", "split", S("x"))));
    }

    [Fact]
    public void Split_on_the_empty_string_gives_the_scalars()
    {
        Assert.Equal($"[\"a\", \"{Emoji}\", \"b\"]", Show(Call($"a{Emoji}b", "split", S(""))));
        Assert.Equal("[]", Show(Call("", "split", S(""))));
    }

    [Fact]
    public void Replace_replaces_every_occurrence()
    {
        Assert.Equal("b-b-b", Text("a-a-a", "replace", S("a"), S("b")));
        Assert.Equal("aaa", Text("aaaaa", "replace", S("aa"), S("a")));   // non-overlapping, left to right
        Assert.Equal("xyz", Text("xyz", "replace", S("q"), S("r")));
        Assert.Equal("", Text("aaa", "replace", S("a"), S("")));
        Assert.Equal($"-a-{Emoji}-", Text($"a{Emoji}", "replace", S(""), S("-")));
        Assert.Equal("-", Text("", "replace", S(""), S("-")));
        Raises(ErrorKind.Type, "str.replace expects a str, got int", () => Call("a", "replace", S("a"), I(1)));
    }

    [Fact]
    public void Repeat()
    {
        Assert.Equal("ababab", Text("ab", "repeat", I(3)));
        Assert.Equal("", Text("ab", "repeat", I(0)));
        Assert.Equal("", Text("", "repeat", I(long.MaxValue)));
        Raises(ErrorKind.Value, "str.repeat count must not be negative, got -1", () => Call("ab", "repeat", I(-1)));
        Raises(ErrorKind.LimitExceeded, () => Call("ab", "repeat", I(long.MaxValue)));
        Raises(ErrorKind.LimitExceeded, () => Call("ab", "repeat", I(RuntimeLimits.MaxStringLength)));
    }

    [Fact]
    public void Chars_gives_one_scalar_strings()
    {
        Assert.Equal($"[\"h\", \"é\", \"{Emoji}\"]", Show(Call($"hé{Emoji}", "chars")));
        Assert.Equal("[]", Show(Call("", "chars")));
    }

    [Fact]
    public void To_int_and_to_float_parse_strictly()
    {
        Assert.Equal(-42, Call("-42", "to_int").AsInt);
        Assert.Equal(2.5, Call("2.5", "to_float").AsFloat);
        Assert.True(Call("3", "to_float").IsFloat);
        Raises(ErrorKind.Value, "cannot parse \"4x\" as int", () => Call("4x", "to_int"));
        Raises(ErrorKind.Value, "cannot parse \"\" as float", () => Call("", "to_float"));
        Raises(ErrorKind.Overflow, () => Call("99999999999999999999", "to_int"));
    }

    [Fact]
    public void To_str_of_a_string_is_itself()
    {
        Assert.Equal("a\n", Text("a\n", "to_str"));
        Assert.Equal("a\n", Text("a\n", "to_string"));
    }

    [Fact]
    public void Unknown_methods_and_wrong_counts()
    {
        Assert.True(BuiltinMethods.Has(S("a"), "split"));
        Assert.False(BuiltinMethods.Has(S("a"), "push"));
        Raises(ErrorKind.Field, "no method 'push' on str", () => Call("a", "push", I(1)));
        Raises(ErrorKind.Arity, "str.split expects 1 argument(s), got 0", () => Call("a", "split"));
        Raises(ErrorKind.Arity, "str.trim expects 0 argument(s), got 1", () => Call("a", "trim", S(" ")));
    }
}
