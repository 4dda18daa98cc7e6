using CoNRec.Core.Protocol;

namespace CoNRec.Core.Coordination;

public enum GroupStatus
{
    /// <summary>Waiting for a rollout worker.</summary>
    Pending,
    Rolling,

    /// <summary>Completions in hand, waiting for a reward worker.</summary>
    Rolled,
    Scoring,
    Scored,
}

/// <summary>One group of the current step and where it stands; a lease is (worker, deadline).</summary>
public sealed record GroupWork(
    int Group,
    AnchorRef[] Anchors,
    GroupStatus Status,
    string? Worker = null,
    long DeadlineMs = 0,
    int Attempts = 0,
    RolloutDone? Rollout = null,
    ScoringDone? Scores = null)
{
    public bool IsLeased => Status is GroupStatus.Rolling or GroupStatus.Scoring;

    /// <summary>A lost or late lease goes back one status, to be leased again.</summary>
    public GroupWork Released() => Status switch
    {
        GroupStatus.Rolling => this with { Status = GroupStatus.Pending, Worker = null, DeadlineMs = 0 },
        GroupStatus.Scoring => this with { Status = GroupStatus.Rolled, Worker = null, DeadlineMs = 0 },
        _ => this,
    };

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Group = {Group}, Status = {Status}, Worker = {Worker}, Attempts = {Attempts}, Anchors = {Anchors.Length}");
        return true;
    }
}
