namespace Veld.Cli;

/// <summary>The process exit codes of <c>veld</c>, after BSD's sysexits.h where one fits.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>An internal error or a construct the tier does not support; for <c>diff</c>, any failure.</summary>
    public const int Failure = 1;
    /// <summary>EX_USAGE: unknown command or flag, bad flag value, unknown tier, missing file.</summary>
    public const int Usage = 64;
    /// <summary>EX_DATAERR: the program has compile errors (including invalid UTF-8).</summary>
    public const int CompileError = 65;
    /// <summary>EX_SOFTWARE: the program ended with an uncaught runtime error.</summary>
    public const int RuntimeError = 70;
    /// <summary>EX_TEMPFAIL: the run hit its fuel or time limit.</summary>
    public const int LimitExceeded = 75;
}
