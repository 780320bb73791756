using Veld.Language.Syntax;

namespace Veld.StackVm;

/// <summary>
/// Source positions of a chunk, run-length encoded: one entry per run of instructions at the same
/// position (start offset, line, column). Kept apart from the code, as Lua keeps its line info, so it
/// is not part of the code size. Errors are rare, so a binary search on lookup is the right trade for size.
/// </summary>
public sealed class LineTable
{
    private readonly int[] _starts;
    private readonly int[] _lines;
    private readonly int[] _columns;

    public LineTable(int[] starts, int[] lines, int[] columns)
    {
        _starts = starts;
        _lines = lines;
        _columns = columns;
    }

    /// <summary>Number of runs.</summary>
    public int Runs => _starts.Length;

    /// <summary>The line of the instruction that covers byte <paramref name="offset"/> (0 if none).</summary>
    public int LineAt(int offset) => PositionAt(offset).Line;

    /// <summary>The position of the instruction that covers byte <paramref name="offset"/> (0:0 if none).</summary>
    public SourcePos PositionAt(int offset)
    {
        int lo = 0, hi = _starts.Length - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_starts[mid] <= offset) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found < 0 ? default : new SourcePos(_lines[found], _columns[found]);
    }

    /// <summary>Builds the table while code is emitted.</summary>
    public sealed class Builder
    {
        private readonly List<int> _starts = [];
        private readonly List<int> _lines = [];
        private readonly List<int> _columns = [];

        /// <summary>The instruction emitted at <paramref name="offset"/> comes from <paramref name="pos"/>.</summary>
        public void Mark(int offset, SourcePos pos)
        {
            if (_lines.Count > 0 && _lines[^1] == pos.Line && _columns[^1] == pos.Column) return;
            _starts.Add(offset);
            _lines.Add(pos.Line);
            _columns.Add(pos.Column);
        }

        public LineTable Build() => new([.. _starts], [.. _lines], [.. _columns]);
    }
}
