using Veld.Language.Syntax;

namespace Veld.Language.Resolving;

/// <summary>
/// Module globals (top-level let/var/const/fn/proc) and the two visibility rules of docs/SPEC.md section 3
/// "Scopes and globals":
/// top-level code sees a global once its declaring statement has run (hoisted functions always);
/// code inside a function sees the latest global declared before the reference, or else the first
/// one declared after it.
/// </summary>
internal sealed class GlobalTable
{
    private sealed record Entry(GlobalInfo Info, int StatementIndex, bool Hoisted);

    private readonly Dictionary<string, List<Entry>> _byName = new(StringComparer.Ordinal);

    public List<GlobalInfo> All { get; } = [];

    /// <summary>Adds a global declared by top-level statement <paramref name="statementIndex"/>.
    /// Calls come in source order, so each name's entries stay sorted by position.</summary>
    public void Add(Binding binding, int statementIndex, FnDecl? hoistedFunction)
    {
        var info = new GlobalInfo(All.Count, binding, hoistedFunction);
        binding.Kind = BindingKind.Global;
        binding.Index = info.Index;
        All.Add(info);
        if (!_byName.TryGetValue(binding.Name, out var entries))
            _byName[binding.Name] = entries = [];
        entries.Add(new Entry(info, statementIndex, hoistedFunction is not null));
    }

    public bool HasHoistedFunction(string name) =>
        _byName.TryGetValue(name, out var entries) && entries.Exists(e => e.Hoisted);

    /// <summary>Lookup from top-level code running as statement <paramref name="statementIndex"/>.</summary>
    public GlobalInfo? FindFromTopLevel(string name, int statementIndex)
    {
        if (!_byName.TryGetValue(name, out var entries)) return null;
        int before = CountBefore(entries, statementIndex, default);
        if (before > 0) return entries[before - 1].Info;
        return entries.Find(e => e.Hoisted)?.Info;
    }

    /// <summary>Lookup from inside a function, for a reference at <paramref name="pos"/>.</summary>
    public GlobalInfo? FindFromFunction(string name, SourcePos pos)
    {
        if (!_byName.TryGetValue(name, out var entries)) return null;
        int before = CountBefore(entries, -1, pos);
        return before > 0 ? entries[before - 1].Info : entries[0].Info;
    }

    private static int Compare(SourcePos a, SourcePos b) =>
        a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column);

    /// <summary>How many of <paramref name="entries"/> (sorted by position) come before statement
    /// <paramref name="statementIndex"/>, or when that is negative, before <paramref name="pos"/>.
    /// Binary search: a file may declare one name many thousands of times.</summary>
    private static int CountBefore(List<Entry> entries, int statementIndex, SourcePos pos)
    {
        int low = 0, high = entries.Count;
        while (low < high)
        {
            int mid = (low + high) / 2;
            var entry = entries[mid];
            bool before = statementIndex >= 0
                ? entry.StatementIndex < statementIndex
                : Compare(entry.Info.Binding.Pos, pos) < 0;
            if (before) low = mid + 1;
            else high = mid;
        }
        return low;
    }
}
