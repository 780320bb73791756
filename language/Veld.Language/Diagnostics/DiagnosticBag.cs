using Veld.Language.Syntax;

namespace Veld.Language;

/// <summary>
/// Collects the diagnostics of one compilation. Stops accepting new ones after
/// <see cref="LanguageLimits.MaxDiagnostics"/> (the parser then stops early), and drops a second
/// message at the position of an earlier one, which is almost always a cascade of the first.
/// </summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];
    private readonly HashSet<SourcePos> _positions = [];

    public int Count => _items.Count;
    public bool IsFull => _items.Count >= LanguageLimits.MaxDiagnostics;

    public void Report(SourcePos pos, string message)
    {
        if (IsFull || !_positions.Add(pos)) return;
        _items.Add(new Diagnostic(message, pos));
    }

    /// <summary>The diagnostics sorted by position (stable for equal positions), so the first one is
    /// the earliest in the file whatever pass found it.</summary>
    public List<Diagnostic> ToSortedList() =>
        _items.OrderBy(d => d.Pos.Line).ThenBy(d => d.Pos.Column).ToList();
}
