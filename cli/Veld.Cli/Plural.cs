namespace Veld.Cli;

/// <summary>"1 program", "2 programs": counts in messages read as English.</summary>
public static class Plural
{
    public static string Of(long count, string singular, string? plural = null) =>
        $"{count} {(count == 1 ? singular : plural ?? singular + "s")}";
}
