namespace CoNRec.Model.Grpo;

/// <summary>Stable names of the per-step GRPO metrics (verl-like prefixes), for logs, the run store and plots.</summary>
public static class GrpoMetricNames
{
    public const string Loss = "actor/loss";
    public const string PgLoss = "actor/pg_loss";
    public const string Kl = "actor/kl";
    public const string ClipFrac = "actor/clip_frac";
    public const string RatioMean = "actor/ratio_mean";
    public const string RatioMax = "actor/ratio_max";
    public const string Entropy = "actor/entropy";
    public const string GradNorm = "actor/grad_norm";
    public const string Updates = "actor/updates";
    public const string SkippedUpdates = "actor/skipped_updates";
    public const string RewardMean = "reward/mean";
    public const string RewardStd = "reward/std";
    public const string FracRewardZeroStd = "reward/frac_zero_std";
    public const string CompletionTokens = "tokens/completion";
    public const string TimingGen = "timing_s/gen";
    public const string TimingReward = "timing_s/reward";
    public const string TimingUpdate = "timing_s/update";
    public const string TimingStep = "timing_s/step";
    public const string Tokens = "perf/tokens";
    public const string TokensPerSecond = "perf/tokens_per_s";
}
