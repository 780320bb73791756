using System.Runtime.CompilerServices;

namespace Veld.RegisterVm.Tests;

/// <summary>
/// The compiler recurses over the tree; its stack guard (<see cref="NativeStackGuard"/>) asks the runtime only
/// when a frame is deeper than any before. The guard must still stop a recursion before the stack overflows
/// (which would end the test process), and the compiler must report a program too deep for its thread's stack
/// instead of crashing.
/// </summary>
public class CompilerStackDepthTests
{
    /// <summary>An expression of <paramref name="depth"/> nested negations and additions, <c>-(x + -(x + ...))</c>
    /// (the front end allows about 65).</summary>
    private static string DeeplyNested(int depth) =>
        "fn f(x)\n    " + string.Concat(Enumerable.Repeat("-(x + ", depth)) + "x" + new string(')', depth) + "\nend\nprintln(f(1))\n";

    private static void OnThread(int stackBytes, Action action)
    {
        var thread = new Thread(() => action(), stackBytes);
        thread.Start();
        thread.Join();
    }

    /// <summary>Recurse while the guard says there is room; the depth reached.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int RecurseWhileRoom(NativeStackGuard guard, int depth)
    {
        Span<byte> frame = stackalloc byte[512]; // make each level cost stack, as the compiler's frames do
        frame[depth % 512] = 1;
        return guard.HasRoom() ? RecurseWhileRoom(guard, depth + 1) + frame[depth % 512] - 1 : depth;
    }

    [Fact]
    public void The_guard_stops_a_recursion_before_the_stack_runs_out_and_a_shallower_frame_still_has_room()
    {
        int reached = -1;
        bool roomAfterwards = false;
        OnThread(256 * 1024, () =>
        {
            var guard = new NativeStackGuard();
            reached = RecurseWhileRoom(guard, 0);
            roomAfterwards = guard.HasRoom();
        });
        Assert.InRange(reached, 1, 1000); // it stopped, well before 512 KB of frames
        Assert.True(roomAfterwards);
    }

    [Fact]
    public void A_program_nested_as_deep_as_the_front_end_allows_compiles_on_an_ordinary_stack()
    {
        var program = Check(DeeplyNested(60));
        Exception? failure = null;
        OnThread(16 * 1024 * 1024, () =>
        {
            try { ProgramCompiler.Compile(program); }
            catch (Exception e) { failure = e; }
        });
        Assert.Null(failure);
    }

    [Fact]
    public void On_a_small_stack_a_deep_program_compiles_or_is_reported_never_overflows()
    {
        var program = Check(DeeplyNested(60));
        Exception? failure = null;
        OnThread(256 * 1024, () =>
        {
            try { ProgramCompiler.Compile(program); }
            catch (Exception e) { failure = e; }
        });
        if (failure is not null)
            Assert.Contains("nests too deeply", Assert.IsType<TierUnsupportedException>(failure).Message);
    }
}
