namespace Veld.RegisterVm;

/// <summary>
/// Heat reports the dispatch loop lets pass. A report is a call into the hook per frame start and per loop back-edge;
/// <c>Run&lt;InterpretAndTierUp&gt;</c> paid it on every one, 0-20% over the register tier's loop for a function that
/// does not compile (section 18 of docs/PERFORMANCE.md). So each proto has a countdown per kind of report: the loop
/// decrements it and reports only when it goes negative, one compare. The hook opens a window (sets a countdown) only
/// where no report could matter: the skipped reports cannot bring the function's heat into the profile's sampling
/// quarter (<see cref="TierUp"/>; a function waiting after its first quarter is sampled less in its later ones), nor
/// past the threshold; a compiled or compiling function has none, and they are credited (calls, iterations, heat) at the
/// function's next report, or whenever the hook reads or changes its state (<see cref="Settle"/>).
/// </summary>
internal abstract partial class TierUp
{
    /// <summary>Per proto: frame starts (pc 0) the dispatch loop may skip before it reports one (<see cref="Heat(FunctionProto)"/>);
    /// it decrements this first and reports when it is negative.</summary>
    public readonly int[] CallCountdown = new int[protoCount];
    /// <summary>Per proto: loop back-edges the dispatch loop may skip before it reports one (<see cref="HeatLoop"/>), likewise.</summary>
    public readonly int[] LoopCountdown = new int[protoCount];
    /// <summary>Per proto: what each countdown was set to (the reports skipped so far are the window less the countdown).</summary>
    private readonly int[] _callWindow = new int[protoCount];
    private readonly int[] _loopWindow = new int[protoCount];
    /// <summary>Per proto: a reported call came from a frame of the function itself (<see cref="CallWeight"/>): its calls
    /// are all reported, since a skipped call is credited as a call from elsewhere.</summary>
    private readonly bool[] _callsItself = new bool[protoCount];

    /// <summary>Calls reported one by one before a call window opens, so that a function that calls itself shows it
    /// (recursion shows at its second call: fib, towers, permute) before any call of it is credited at weight 1.</summary>
    public const int ReportedCallsFirst = 16;

    /// <summary>The most reports of one kind a window skips. (A refused function gets none: its heat, long.MinValue, makes
    /// the distance below overflow to a negative one. Left so for now: refusals are rare.)</summary>
    private const int MostSkipped = 1 << 20;

    /// <summary>Reports the dispatch loop made (frame starts and back-edges of interpreted functions, and entries of
    /// compiled ones at pc 0), over the run: what the countdowns leave of the loop's calls into the hook.</summary>
    public long Reports { get; protected set; }

    private int SkippedCalls(int id) => _callWindow[id] - Math.Max(CallCountdown[id], 0);
    private int SkippedIterations(int id) => _loopWindow[id] - Math.Max(LoopCountdown[id], 0);

    /// <summary>Credit the reports the dispatch loop skipped for proto <paramref name="id"/> (a skipped call at weight 1,
    /// a skipped back-edge at <see cref="CallsPerIteration"/>) and close its windows: every report counts again.</summary>
    private void Settle(int id)
    {
        int calls = SkippedCalls(id), iterations = SkippedIterations(id);
        _calls[id] += calls;
        _iterations[id] += iterations;
        _heat[id] += calls + (long)iterations * CallsPerIteration;
        CallCountdown[id] = LoopCountdown[id] = _callWindow[id] = _loopWindow[id] = 0;
    }

    /// <summary>
    /// After a report that left proto <paramref name="id"/> interpreted and not compiling: open windows that cannot reach
    /// the sampling quarter even if every skipped call weighed <see cref="CallsPerIteration"/> (half the distance each for
    /// calls and back-edges), the call window no longer than the calls reported so far (it doubles at most per report).
    /// Returns false (the report's answer: nothing to enter).
    /// </summary>
    private bool Skip(int id)
    {
        if (_inFlight[id]) return false;
        long needed = (long)Threshold * CallsPerIteration;
        // A function that waited (its profile holds a whole sampling quarter already) is sampled only at the reports
        // that remain in its quarter: windows run up to the threshold itself.
        long distance = (_waiting[id] ? needed : needed - needed / 4) - _heat[id];
        if (distance <= 2 * CallsPerIteration) return false;
        long each = Math.Min((distance - 1) / 2 / CallsPerIteration, MostSkipped);
        LoopCountdown[id] = _loopWindow[id] = (int)each;
        if (!_callsItself[id] && _calls[id] >= ReportedCallsFirst)
            CallCountdown[id] = _callWindow[id] = (int)Math.Min(each, _calls[id]);
        return false;
    }
}
