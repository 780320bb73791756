namespace Veld.Runtime.Tests;

public class CallStackTests
{
    private static TraceFrame Frame(int i) => new($"f{i}", i, 1);

    [Fact]
    public void A_shallow_stack_keeps_every_frame_innermost_first()
    {
        var stack = new CallStack();
        for (int i = 0; i < 20; i++) stack.Add(Frame(i));
        Assert.Equal(20, stack.Depth);
        Assert.Equal(0, stack.Omitted);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"f{i} at {i}:1"), stack.Lines());
    }

    [Fact]
    public void A_deep_stack_keeps_ten_frames_at_each_end_and_counts_the_rest()
    {
        var stack = new CallStack();
        for (int i = 0; i < 10_000; i++) stack.Add(Frame(i));
        Assert.Equal((10_000, 9_980), (stack.Depth, stack.Omitted));
        Assert.Equal(Enumerable.Range(0, 10).Select(Frame), stack.Innermost);
        Assert.Equal(Enumerable.Range(9_990, 10).Select(Frame), stack.Outermost);
        Assert.Equal("... 9980 frames omitted", stack.Lines().ElementAt(10));
    }

    [Fact]
    public void Frames_read_from_a_vm_give_the_same_stack_and_read_only_the_kept_frames()
    {
        foreach (int depth in new[] { 1, 19, 20, 21, 27, 5_000 })
        {
            var oneByOne = new CallStack();
            for (int i = depth - 1; i >= 0; i--) oneByOne.Add(Frame(i));
            var read = new List<int>();
            var fromVm = new CallStack();
            fromVm.AddFrames(depth, i => { read.Add(i); return Frame(i); });
            Assert.Equal(oneByOne.Lines(), fromVm.Lines());
            Assert.True(read.Count <= 2 * CallStack.Kept, $"depth {depth}: read {read.Count} frames");
        }
    }

    [Fact]
    public void An_error_collects_frames_as_it_leaves_them_each_at_its_first_stamp()
    {
        var error = new VeldRuntimeException(ErrorKind.Index, "boom");
        error.At(3, 9);  // the failing operation
        error.At(3, 1);  // an enclosing node of the same frame: changes nothing
        error.LeaveFunction("f");
        error.At(7, 5);  // the call in the caller
        error.At(7, 1);
        error.LeaveFunction("script");
        Assert.Equal((3, 9), (error.Line, error.Column));
        Assert.Equal(["f at 3:9", "script at 7:5"], error.Stack.Lines());
    }
}
