namespace Veld.StackVm.Tests;

/// <summary>
/// Every instruction that can raise an error saves its position first (the VM's savepc). Each snippet
/// fails on line 3, right after line 2 made a call (which saved an earlier position): an instruction
/// that forgot to save would report line 2. The tree-walk tier must agree on kind, message and line.
/// </summary>
public class ErrorLineTests
{
    public static TheoryData<string, string> Failures() => new()
    {
        { "ADD", "v + \"s\"" },
        { "SUB overflow", "(-9223372036854775807 - 1) - v" },
        { "MUL overflow", "v * 9223372036854775807 * 2" },
        { "DIV", "v / 0" },
        { "MOD", "v % 0" },
        { "POW", "v *^ \"x\"" },
        { "NEG", "-\"s\"" },
        { "NOT", "!v" },
        { "BAND", "v & 1.5" },
        { "SHL", "v << 99" },
        { "LT", "v < \"s\"" },
        { "EQ on a cycle", "cyc == cyc2" },
        { "JUMP_IF_FALSE", "if v then 1 end" },
        { "AND", "v and true" },
        { "OR right", "false or v" },
        { "guard", "match v\n  _ where ok(v) => 1,\n  _ => 2\nend" },
        { "LOAD_GLOBAL", "(() => later + 1)()" },
        { "CALL arity", "ok(1, 2)" },
        { "CALL not callable", "v(1)" },
        { "INVOKE unknown", "v.nope()" },
        { "INVOKE arity", "pt.get(1, 2)" },
        { "NEW_MAP key", "{[1]: 2}" },
        { "RANGE", "v..\"s\"" },
        { "GET_INDEX", "[1][v]" },
        { "SET_INDEX", "arr[v] = 1" },
        { "GET_FIELD", "v.field" },
        { "SET_FIELD", "pt.nope = 1" },
        { "TUPLE_INDEX", "v.0" },
        { "CAST", "\"x\" as int" },
        { "ITER_START", "for x in v do end" },
        { "MATCH_FAIL", "match v\n  0 => 1\nend" },
        { "let pattern", "let (a, b) = v" },
        { "THROW", "throw v" },
        { "ASSERT", "assert~(v > 5)" },
        { "ASSERT condition", "assert~(v)" },
        { "callback", "[1].map(x => x / 0)" },
    };

    private const string Prelude = """
        struct P
            x: i64
        end
        impl P
            fn get(self) => self.x
        end
        enum E
            A(i64),
            B
        end
        fn ok(x) => x
        let pt = P(x: 1)
        let arr = [1]
        let cyc = [1]
        cyc.push(cyc)
        let cyc2 = [1]
        cyc2.push(cyc2)

        """;

    [Theory]
    [MemberData(nameof(Failures))]
    public void Errors_carry_the_line_of_the_failing_instruction(string what, string failing)
    {
        int preludeLines = Prelude.Split('\n').Length - 1;
        var source = Prelude + "let v = 3\nlet w = ok(1)\n" + failing + "\nlet later = 1\n";
        var stack = Veld.Error(source);
        var tree = Veld.RunTree(source).Error;
        int expected = preludeLines + (what == "guard" ? 4 : 3);
        Assert.True(stack.Line == expected, $"{what}: line {stack.Line}, expected {expected} ({stack})");
        Assert.Equal(tree, stack);
    }

    [Fact]
    public void The_modification_of_an_iterated_collection_is_reported_at_the_for_line()
    {
        var source = "let xs = [1, 2]\nfn ok(x) => x\nfor x in xs do\n  ok(1)\n  xs.push(x)\nend";
        var error = Veld.Error(source);
        Assert.Equal(("Value", 3), (error.Kind, error.Line));
        Assert.Equal(Veld.RunTree(source).Error, error);
    }
}
