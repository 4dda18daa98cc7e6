namespace CoNRec.Core.Protocol;

/// <summary>A reward worker asks for work.</summary>
public sealed record ScoringWanted(string WorkerId) : IConrecMessage;

/// <summary>Score every generated item against its anchor's future (rows are (anchor, sample), as in <see cref="RolloutDone"/>).</summary>
public sealed record ScoringLease(WorkKey Key, int StageIndex, AnchorRef[] Anchors, int GroupSize, int[] Items, long DeadlineUnixMs) : IConrecMessage
{
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Key = {Key}, StageIndex = {StageIndex}, Anchors = {Anchors.Length}, Rows = {Items.Length}");
        return true;
    }
}

/// <summary>One reward and one sample weight (the cross-stage up-weighting) per row.</summary>
public sealed record ScoringDone(WorkKey Key, string WorkerId, float[] Rewards, float[] Weights, double Seconds) : IConrecMessage
{
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Key = {Key}, WorkerId = {WorkerId}, Rows = {Rewards.Length}, Seconds = {Seconds:0.000}");
        return true;
    }
}
