namespace Veld.StackVm;

/// <summary>
/// Source lines of a chunk, run-length encoded: one entry per run of instructions on the same line
/// (start offset, line). Errors are rare, so a binary search on lookup is the right trade for size.
/// </summary>
public sealed class LineTable
{
    private readonly int[] _starts;
    private readonly int[] _lines;

    public LineTable(int[] starts, int[] lines)
    {
        _starts = starts;
        _lines = lines;
    }

    /// <summary>Number of runs.</summary>
    public int Runs => _starts.Length;

    /// <summary>The line of the instruction that covers byte <paramref name="offset"/> (0 if none).</summary>
    public int LineAt(int offset)
    {
        int lo = 0, hi = _starts.Length - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_starts[mid] <= offset) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found < 0 ? 0 : _lines[found];
    }

    /// <summary>Builds the table while code is emitted.</summary>
    public sealed class Builder
    {
        private readonly List<int> _starts = [];
        private readonly List<int> _lines = [];

        /// <summary>The instruction emitted at <paramref name="offset"/> comes from <paramref name="line"/>.</summary>
        public void Mark(int offset, int line)
        {
            if (_lines.Count > 0 && _lines[^1] == line) return;
            _starts.Add(offset);
            _lines.Add(line);
        }

        public LineTable Build() => new([.. _starts], [.. _lines]);
    }
}
