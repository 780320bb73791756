using Veld.Runtime;

namespace Veld.Differential;

/// <summary>
/// Display forms for reports. The harness must describe whatever a tier hands back, including values a
/// buggy tier built wrongly, so a failure of <see cref="Display"/> is reported in place of the form
/// instead of ending the whole differential run.
/// </summary>
public static class SafeDisplay
{
    /// <summary>The top-level display form (what <c>println</c> prints).</summary>
    public static string Show(Value value) => Guard(() => Display.Show(value), value);

    /// <summary>The display form with its type, for side-by-side reports: <c>1.0 (float)</c>, <c>"1" (str)</c>.</summary>
    public static string Describe(Value value) =>
        $"{Truncate(Guard(() => Display.ShowNested(value), value))} ({Guard(() => Display.TypeName(value), value)})";

    /// <summary>Longest display form a side-by-side report shows before cutting it.</summary>
    public const int MaxDescribedLength = 300;

    private static string Truncate(string text) =>
        text.Length <= MaxDescribedLength ? text : text[..MaxDescribedLength] + $"... ({text.Length} chars)";

    private static string Guard(Func<string> show, Value value)
    {
        try
        {
            return show();
        }
        catch (Exception e)
        {
            return $"<{value.Kind} value: display failed with {e.GetType().Name}: {e.Message}>";
        }
    }
}
