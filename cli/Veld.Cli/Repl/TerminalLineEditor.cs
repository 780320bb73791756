using System.Text;

namespace Veld.Cli.Repl;

/// <summary>
/// Line editing on a terminal with the console's own key reading (no line-editing package restores
/// here): characters insert at the cursor; Left/Right, Home/End (Ctrl-A/Ctrl-E) move; Backspace and
/// Delete erase; Ctrl-U clears; Up/Down walk the session's history; Enter submits; Ctrl-D on an empty
/// line ends the session. Each change redraws the line: prompt, text, clear to end, cursor column.
/// </summary>
public sealed class TerminalLineEditor(TextWriter terminal) : ILineReader
{
    private const int HistoryLimit = 500;
    private readonly List<string> _history = [];

    public IReadOnlyList<string> History => _history;

    public string? ReadLine(string prompt)
    {
        var line = new StringBuilder();
        int cursor = 0;
        int browsing = _history.Count; // index into history; Count means the line being typed
        string typed = "";
        Redraw(prompt, line, cursor);
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            bool control = (key.Modifiers & ConsoleModifiers.Control) != 0;
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    terminal.Write("\r\n");
                    terminal.Flush();
                    Remember(line.ToString());
                    return line.ToString();
                case ConsoleKey.D when control && line.Length == 0:
                    terminal.Write("\r\n");
                    terminal.Flush();
                    return null;
                case ConsoleKey.Backspace when cursor > 0:
                    line.Remove(--cursor, 1);
                    break;
                case ConsoleKey.Delete when cursor < line.Length:
                case ConsoleKey.D when control && cursor < line.Length:
                    line.Remove(cursor, 1);
                    break;
                case ConsoleKey.LeftArrow when cursor > 0:
                case ConsoleKey.B when control && cursor > 0:
                    cursor--;
                    break;
                case ConsoleKey.RightArrow when cursor < line.Length:
                case ConsoleKey.F when control && cursor < line.Length:
                    cursor++;
                    break;
                case ConsoleKey.Home:
                case ConsoleKey.A when control:
                    cursor = 0;
                    break;
                case ConsoleKey.End:
                case ConsoleKey.E when control:
                    cursor = line.Length;
                    break;
                case ConsoleKey.U when control:
                    line.Clear();
                    cursor = 0;
                    break;
                case ConsoleKey.UpArrow when browsing > 0:
                case ConsoleKey.DownArrow when browsing < _history.Count:
                    if (browsing == _history.Count) typed = line.ToString();
                    browsing += key.Key == ConsoleKey.UpArrow ? -1 : 1;
                    line.Clear().Append(browsing == _history.Count ? typed : _history[browsing]);
                    cursor = line.Length;
                    break;
                default:
                    if (!char.IsControl(key.KeyChar)) line.Insert(cursor++, key.KeyChar);
                    break;
            }
            Redraw(prompt, line, cursor);
        }
    }

    private void Remember(string line)
    {
        if (string.IsNullOrWhiteSpace(line) || (_history.Count > 0 && _history[^1] == line)) return;
        if (_history.Count == HistoryLimit) _history.RemoveAt(0);
        _history.Add(line);
    }

    /// <summary>Carriage return, prompt and text, erase the rest of the row, then put the cursor back.</summary>
    private void Redraw(string prompt, StringBuilder line, int cursor)
    {
        terminal.Write('\r');
        terminal.Write(prompt);
        terminal.Write(line.ToString());
        terminal.Write("\u001b[K");
        int back = line.Length - cursor;
        if (back > 0) terminal.Write($"\u001b[{back}D");
        terminal.Flush();
    }
}
