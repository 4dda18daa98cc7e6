namespace CoNRec.Core.Runs;

public enum LeaseStatus
{
    Granted,
    Completed,
    Expired,
}

/// <summary>One prompt group of one step: the unit of work a rollout worker leases.</summary>
public readonly record struct LeaseKey(RunId Run, long Step, int Group);

/// <summary>A row of the in-flight ledger.</summary>
/// <param name="Attempt">1 for the first grant, +1 each time the group is re-issued after expiry.</param>
public sealed record LeaseRecord(
    LeaseKey Key,
    int SampleCount,
    string WorkerId,
    DateTimeOffset GrantedAt,
    DateTimeOffset Deadline,
    LeaseStatus Status,
    int Attempt);

public enum LeaseGrantOutcome
{
    /// <summary>The group is now leased to the caller (first grant, re-issue after expiry, or a repeated call).</summary>
    Granted,

    /// <summary>Another worker holds a live lease on the group.</summary>
    InFlightElsewhere,

    /// <summary>The group's result is already in: nothing to do.</summary>
    AlreadyCompleted,
}

/// <summary>The outcome of a grant and the ledger row as it now stands.</summary>
public sealed record LeaseGrant(LeaseGrantOutcome Outcome, LeaseRecord Lease);

public enum LeaseCompletion
{
    /// <summary>This call completed the lease: count the group's results.</summary>
    Completed,

    /// <summary>The same worker had completed it already: do not count again.</summary>
    AlreadyCompleted,

    /// <summary>No such lease: refused.</summary>
    Unknown,

    /// <summary>The deadline passed before the result arrived: refused (the group is or will be re-issued).</summary>
    Expired,

    /// <summary>The group was re-issued to another worker: refused.</summary>
    NotHolder,
}
