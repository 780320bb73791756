namespace Veld.Differential;

/// <summary>The front end threw instead of returning diagnostics: a bug, reported as an internal error on every tier.</summary>
public sealed class FrontEndCrashException(Exception inner) : Exception($"front end crashed: {inner}", inner);
