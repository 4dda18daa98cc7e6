namespace CoNRec.Core.Runs;

/// <summary>What retention does to a run's live checkpoints.</summary>
/// <param name="Best">The best checkpoint by the policy's metric; null when none carries it.</param>
/// <param name="Retire">Checkpoints neither among the last K nor best, in step order.</param>
public sealed record RetentionDecision(CheckpointId? Best, IReadOnlyList<CheckpointId> Retire);

/// <summary>
/// Keep the last K checkpoints by step plus the best by an evaluation metric. Both stores call this inside the
/// commit transaction, so the decision and the commit are one atomic change.
/// </summary>
public static class Retention
{
    public static RetentionDecision Decide(IReadOnlyList<CheckpointRecord> live, RetentionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();

        var byStep = live.Where(c => !c.Deleted).OrderBy(c => c.Step).ToArray();
        var best = BestOf(byStep, policy);
        var firstKept = Math.Max(0, byStep.Length - policy.KeepLast);
        var retire = new List<CheckpointId>();
        for (var i = 0; i < firstKept; i++)
        {
            if (byStep[i].Id != best)
                retire.Add(byStep[i].Id);
        }

        return new RetentionDecision(best, retire);
    }

    // Ties go to the earlier step: the first checkpoint to reach a score keeps the title.
    static CheckpointId? BestOf(CheckpointRecord[] byStep, RetentionPolicy policy)
    {
        CheckpointRecord? best = null;
        foreach (var c in byStep)
        {
            if (c.MetricValue is not { } value || double.IsNaN(value))
                continue;
            if (policy.MetricName is { } name && !string.Equals(c.MetricName, name, StringComparison.Ordinal))
                continue;
            if (best is null || IsBetter(value, best.MetricValue!.Value, policy.Goal))
                best = c;
        }

        return best?.Id;
    }

    static bool IsBetter(double candidate, double incumbent, MetricGoal goal) =>
        goal == MetricGoal.Maximize ? candidate > incumbent : candidate < incumbent;
}
