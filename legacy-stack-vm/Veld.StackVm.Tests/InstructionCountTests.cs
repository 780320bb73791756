namespace Veld.StackVm.Tests;

/// <summary>context.Instructions counts every executed instruction exactly (a wide one counts once).</summary>
public class InstructionCountTests
{
    private static long Count(string source) => Veld.Ok(source).Metrics.Instructions!.Value;

    [Fact]
    public void A_while_loop()
    {
        // CONST STORE_GLOBAL                                                   2
        // 4 tests:   LOAD_GLOBAL CONST LT JUMP_IF_FALSE                        16
        // 3 bodies:  LOAD_GLOBAL CONST ADD STORE_GLOBAL LOOP                   15
        // UNIT (the loop's value is the program result) RETURN                 2
        Assert.Equal(35, Count("var i = 0\nwhile i < 3 do i += 1 end"));
    }

    [Fact]
    public void A_call_and_a_return()
    {
        // script: LOAD_GLOBAL CONST CALL RETURN; f: LOAD_LOCAL CONST ADD RETURN
        Assert.Equal(8, Count("fn f(x) => x + 1\nf(1)"));
    }

    [Fact]
    public void A_tail_call_loop_is_linear_in_its_iterations()
    {
        // Per iteration: LOAD_LOCAL CONST EQ JUMP_IF_FALSE, LOAD_GLOBAL LOAD_LOCAL CONST SUB TAIL_CALL (9);
        // the last: LOAD_LOCAL CONST EQ JUMP_IF_FALSE CONST JUMP RETURN (7); the script: LOAD_GLOBAL CONST CALL RETURN (4).
        const string source = "fn down(n) => if n == 0 then 0 else down(n - 1) end\ndown({0})";
        Assert.Equal(4 + 7, Count(source.Replace("{0}", "0")));
        Assert.Equal(4 + 7 + 9 * 1000, Count(source.Replace("{0}", "1000")));
    }

    [Fact]
    public void For_loops_over_a_range()
    {
        // CONST CONST RANGE ITER_START; 5 x (ITER_NEXT STORE_LOCAL LOAD_GLOBAL LOAD_LOCAL ADD STORE_GLOBAL LOOP);
        // the final ITER_NEXT, POP; then CONST STORE_GLOBAL before, LOAD_GLOBAL RETURN after.
        Assert.Equal(2 + 4 + 5 * 7 + 2 + 2, Count("var s = 0\nfor i in 0..5 do s += i end\ns"));
    }

    [Fact]
    public void Counts_include_instructions_of_callbacks_and_are_deterministic()
    {
        const string source = "[1, 2, 3].map(x => x * 2)";
        // script: CONST CONST CONST NEW_ARRAY CLOSURE INVOKE RETURN (7); lambda: LOAD_LOCAL CONST MUL RETURN x 3 (12)
        Assert.Equal(19, Count(source));
        Assert.Equal(Count(source), Count(source));
    }

    [Fact]
    public void An_error_counts_the_instruction_that_raised_it()
    {
        var outcome = Veld.Run("let x = 1 / 0");
        Assert.Equal(3, outcome.Metrics.Instructions); // CONST CONST DIV
    }
}
