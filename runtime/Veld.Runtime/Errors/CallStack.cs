namespace Veld.Runtime;

/// <summary>One Veld frame of a call stack: the function (<c>script</c> for top-level code) and the position
/// it had reached: the failing operation in the innermost frame, the call in progress in the others.</summary>
public readonly record struct TraceFrame(string Function, int Line, int Column)
{
    public override string ToString() => $"{Function} at {Line}:{Column}";
}

/// <summary>
/// The Veld call stack of a runtime error, most recent frame first (docs/SPEC.md section 13). A deep stack
/// keeps only its <see cref="Kept"/> innermost and <see cref="Kept"/> outermost frames and counts the rest,
/// so recording the stack of an error 10,000 calls deep costs no more than one 20 calls deep.
/// </summary>
public sealed class CallStack : IEquatable<CallStack>
{
    /// <summary>Frames kept at each end of a deep stack.</summary>
    public const int Kept = 10;

    private readonly List<TraceFrame> _innermost = [];
    private readonly Queue<TraceFrame> _outermost = new();

    /// <summary>The most recent frames, innermost first (all frames of a stack of at most 2 x <see cref="Kept"/>).</summary>
    public IReadOnlyList<TraceFrame> Innermost => _innermost;
    /// <summary>Frames dropped between <see cref="Innermost"/> and <see cref="Outermost"/>.</summary>
    public int Omitted { get; private set; }
    /// <summary>The oldest frames kept, in the same order (the last one is the script).</summary>
    public IReadOnlyList<TraceFrame> Outermost => [.. _outermost];

    /// <summary>Frames in total, omitted ones included.</summary>
    public int Depth => _innermost.Count + Omitted + _outermost.Count;

    /// <summary>Append the next older frame.</summary>
    public void Add(TraceFrame frame)
    {
        if (_innermost.Count < Kept)
        {
            _innermost.Add(frame);
            return;
        }
        _outermost.Enqueue(frame);
        if (_outermost.Count > Kept)
        {
            _outermost.Dequeue();
            Omitted++;
        }
    }

    /// <summary>Skip <paramref name="count"/> older frames without looking at them (a VM that knows its
    /// depth adds the innermost frames, skips the middle, then adds the outermost ones).</summary>
    public void Skip(int count)
    {
        // Frames already queued beyond the innermost ones are in the middle now.
        Omitted += _outermost.Count + count;
        _outermost.Clear();
    }

    /// <summary>A VM's frames 0..<paramref name="count"/>-1 (the last is the innermost), read through
    /// <paramref name="frameAt"/> only for the frames kept: a deep stack costs no more than a shallow one.</summary>
    public void AddFrames(int count, Func<int, TraceFrame> frameAt)
    {
        for (int i = count - 1; i >= 0; i--)
        {
            if (count - 1 - i == Kept && i >= Kept)
            {
                Skip(i + 1 - Kept);
                i = Kept; // the loop goes on at the outermost Kept frames
                continue;
            }
            Add(frameAt(i));
        }
    }

    /// <summary>One line per frame, innermost first, with one "... N frames omitted" line where frames were dropped.</summary>
    public IEnumerable<string> Lines()
    {
        foreach (var frame in _innermost) yield return frame.ToString();
        if (Omitted > 0) yield return $"... {Omitted} frame{(Omitted == 1 ? "" : "s")} omitted";
        foreach (var frame in _outermost) yield return frame.ToString();
    }

    public override string ToString() => string.Join("\n", Lines());

    /// <summary>Two stacks are equal when they list the same frames and omit as many (so a
    /// <see cref="RunError"/> compares by value, stack included).</summary>
    public bool Equals(CallStack? other) => other is not null && Lines().SequenceEqual(other.Lines());
    public override bool Equals(object? obj) => Equals(obj as CallStack);
    public override int GetHashCode() => HashCode.Combine(Depth, _innermost.Count > 0 ? _innermost[0] : default);
}
