namespace CoNRec.Core.Coordination;

/// <summary>
/// What a coordinator has done since it started (not durable: a restarted coordinator counts from zero). Counted by
/// the decisions themselves, so a result counts as accepted only when it really moved its group on (a dropped result
/// changes nothing, the tally included).
/// </summary>
/// <param name="RolloutLeases">Rollout leases granted, re-issues included.</param>
/// <param name="ScoringLeases">Scoring leases granted, re-issues included.</param>
/// <param name="RolloutsAccepted">Rollout results that moved their group to Rolled.</param>
/// <param name="ScoresAccepted">Scoring results that moved their group to Scored.</param>
/// <param name="LeasesReleased">Leases taken back (expired, or their worker lost) to be granted again.</param>
/// <param name="StepsLearned">Steps the learner took and the coordinator recorded.</param>
public readonly record struct CoordinatorTally(
    long RolloutLeases,
    long ScoringLeases,
    long RolloutsAccepted,
    long ScoresAccepted,
    long LeasesReleased,
    long StepsLearned)
{
    public long Leases => RolloutLeases + ScoringLeases;

    public long ResultsAccepted => RolloutsAccepted + ScoresAccepted;
}
