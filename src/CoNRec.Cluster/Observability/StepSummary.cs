namespace CoNRec.Cluster.Observability;

/// <summary>The verl-style metric names a training step reports (also the keys of <c>StepRecord.Metrics</c>).</summary>
public static class MetricNames
{
    public const string GenSeconds = "timing_s/gen";
    public const string RewardSeconds = "timing_s/reward";
    public const string UpdateSeconds = "timing_s/update";
    public const string WeightSyncSeconds = "timing_s/weight_sync";
    public const string StepSeconds = "timing_s/step";
    public const string TokensPerSecond = "perf/tokens_per_s";
    public const string RewardMean = "reward/mean";
    public const string RewardStd = "reward/std";
    public const string FracRewardZeroStd = "frac_reward_zero_std";
    public const string Kl = "kl";
    public const string ClipFrac = "clip_frac";
    public const string Entropy = "entropy";
    public const string GradNorm = "grad_norm";

    /// <summary>
    /// The log property for a metric: '/' (which Seq property names cannot hold) and anything else outside
    /// [A-Za-z0-9_] become '_', so "timing_s/gen" is queried in Seq as <c>timing_s_gen</c>.
    /// </summary>
    public static string PropertyName(string metric)
    {
        ArgumentException.ThrowIfNullOrEmpty(metric);
        return string.Create(metric.Length, metric, static (chars, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                chars[i] = char.IsAsciiLetterOrDigit(source[i]) ? source[i] : '_';
        });
    }
}

/// <summary>What one training step did, in seconds, tokens and policy statistics.</summary>
/// <param name="StepSeconds">Wall time of the whole step (more than the parts when they overlap or wait).</param>
/// <param name="FracRewardZeroStd">Fraction of prompt groups whose rewards were all equal (no GRPO signal).</param>
public sealed record StepSummary(
    double GenSeconds,
    double RewardSeconds,
    double UpdateSeconds,
    double WeightSyncSeconds,
    double StepSeconds,
    double TokensPerSecond,
    double RewardMean,
    double RewardStd,
    double FracRewardZeroStd,
    double Kl,
    double ClipFrac,
    double Entropy,
    double GradNorm)
{
    /// <summary>The metrics under their verl names, in a fixed order.</summary>
    public IReadOnlyDictionary<string, double> Metrics => new Dictionary<string, double>(13, StringComparer.Ordinal)
    {
        [MetricNames.GenSeconds] = GenSeconds,
        [MetricNames.RewardSeconds] = RewardSeconds,
        [MetricNames.UpdateSeconds] = UpdateSeconds,
        [MetricNames.WeightSyncSeconds] = WeightSyncSeconds,
        [MetricNames.StepSeconds] = StepSeconds,
        [MetricNames.TokensPerSecond] = TokensPerSecond,
        [MetricNames.RewardMean] = RewardMean,
        [MetricNames.RewardStd] = RewardStd,
        [MetricNames.FracRewardZeroStd] = FracRewardZeroStd,
        [MetricNames.Kl] = Kl,
        [MetricNames.ClipFrac] = ClipFrac,
        [MetricNames.Entropy] = Entropy,
        [MetricNames.GradNorm] = GradNorm,
    };
}
