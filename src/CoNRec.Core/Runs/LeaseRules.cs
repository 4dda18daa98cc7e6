namespace CoNRec.Core.Runs;

/// <summary>What a grant request does to the ledger row of its key.</summary>
public enum LeaseGrantAction
{
    /// <summary>No row yet: insert a first grant.</summary>
    Insert,

    /// <summary>The row is expired (or past its deadline): hand it to the caller as the next attempt.</summary>
    Reissue,

    /// <summary>The caller already holds this very grant: return the row unchanged.</summary>
    Repeat,

    RefuseInFlight,
    RefuseCompleted,
}

/// <summary>
/// The in-flight ledger's decisions, shared by every store so that they agree: a group has at most one live
/// holder, a result counts once, and a late result from a worker whose lease was re-issued is refused.
/// </summary>
public static class LeaseRules
{
    public static LeaseGrantAction DecideGrant(LeaseRecord? existing, string workerId, DateTimeOffset deadline, DateTimeOffset now) =>
        existing switch
        {
            null => LeaseGrantAction.Insert,
            { Status: LeaseStatus.Completed } => LeaseGrantAction.RefuseCompleted,
            { Status: LeaseStatus.Expired } => LeaseGrantAction.Reissue,
            _ when existing.Deadline <= now => LeaseGrantAction.Reissue,
            _ when existing.WorkerId == workerId && existing.Deadline == deadline => LeaseGrantAction.Repeat,
            _ => LeaseGrantAction.RefuseInFlight,
        };

    public static LeaseCompletion DecideCompletion(LeaseRecord? existing, string workerId, DateTimeOffset now) =>
        existing switch
        {
            null => LeaseCompletion.Unknown,
            _ when existing.WorkerId != workerId => LeaseCompletion.NotHolder,
            { Status: LeaseStatus.Completed } => LeaseCompletion.AlreadyCompleted,
            { Status: LeaseStatus.Expired } => LeaseCompletion.Expired,
            _ when existing.Deadline <= now => LeaseCompletion.Expired,
            _ => LeaseCompletion.Completed,
        };

    /// <summary>The grant outcome reported for a refused action.</summary>
    public static LeaseGrantOutcome OutcomeOf(LeaseGrantAction action) => action switch
    {
        LeaseGrantAction.RefuseInFlight => LeaseGrantOutcome.InFlightElsewhere,
        LeaseGrantAction.RefuseCompleted => LeaseGrantOutcome.AlreadyCompleted,
        _ => LeaseGrantOutcome.Granted,
    };
}
