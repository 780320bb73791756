namespace Veld.Differential;

/// <summary>One expectation written in a corpus program's comments. <see cref="Line"/> is the 1-based line
/// of the comment; for errors it is the line the error must be reported at.</summary>
public abstract record Expectation(int Line);

/// <summary><c># expect: TEXT</c> — the next line of standard output.</summary>
public sealed record OutputExpectation(int Line, string Text) : Expectation(Line);

/// <summary><c># expect runtime error: Kind</c> or <c>Kind: message</c> — the run ends with this error, raised on <see cref="Expectation.Line"/>.</summary>
public sealed record RuntimeErrorExpectation(int Line, string Kind, string? Message) : Expectation(Line);

/// <summary><c># expect compile error: message</c> — the front end reports this message on <see cref="Expectation.Line"/>.</summary>
public sealed record CompileErrorExpectation(int Line, string Message) : Expectation(Line);

/// <summary><c># expect stack: f at 6:15, script at 9:1</c> — the run's error has this Veld call stack, most
/// recent frame first, each frame's function and position (and <c>... N frames omitted</c> where a deep one is cut).</summary>
public sealed record StackExpectation(int Line, string Frames) : Expectation(Line);

/// <summary><c># expect result: DISPLAY</c> — the program's result has this display form.</summary>
public sealed record ResultExpectation(int Line, string Display) : Expectation(Line);

/// <summary>An expectation comment that could not be understood. Reported as a failure, so that a typo
/// never turns a check off silently.</summary>
public sealed record ExpectationProblem(int Line, string Message);
