namespace CoNRec.Cluster.Reporting;

/// <summary>The verl-style step metric keys a report reads from <see cref="Core.Runs.StepRecord.Metrics"/>.</summary>
public static class StepMetricNames
{
    public const string RewardMean = "reward/mean";
    public const string RewardStd = "reward/std";
    public const string Kl = "kl";
    public const string ClipFraction = "clip_frac";
    public const string FractionRewardZeroStd = "frac_reward_zero_std";
    public const string GradNorm = "grad_norm";

    /// <summary>Seconds spent generating rollouts in the step.</summary>
    public const string TimingGeneration = "timing_s/gen";

    /// <summary>Seconds spent scoring rollouts in the step.</summary>
    public const string TimingReward = "timing_s/reward";

    /// <summary>Seconds spent in the learner update of the step.</summary>
    public const string TimingUpdate = "timing_s/update";
}
