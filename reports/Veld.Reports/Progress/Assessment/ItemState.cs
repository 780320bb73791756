namespace Veld.Reports.Progress;

/// <summary>Where an item stands, from its evidence alone.</summary>
public enum ItemState
{
    Done,
    /// <summary>Some of its evidence holds (n of m), the rest is listed as missing.</summary>
    Partial,
    NotStarted,
    /// <summary>Done in the recorded run it is compared with, not done now.</summary>
    Regressed,
    /// <summary>Its evidence was not given: it is not counted as done, whatever it was before.</summary>
    Unknown,
    NotApplicable,
}

public static class ItemStates
{
    /// <summary>The word used in every output: "not started", "not applicable".</summary>
    public static string Label(this ItemState state) => state switch
    {
        ItemState.NotStarted => "not started",
        ItemState.NotApplicable => "not applicable",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static ItemState Parse(string label) =>
        Enum.GetValues<ItemState>().FirstOrDefault(s => s.Label() == label, ItemState.Unknown);
}
