using System.Globalization;

namespace CoNRec.Core.Grpo;

/// <summary>
/// Group-relative advantages: each prompt's G rewards are compared with their own mean, and (GRPO) scaled
/// by their own standard deviation. The std is the SAMPLE std (divisor G - 1), as torch.std's default that
/// verl's GRPO estimator calls. A group whose rewards are all exactly equal gets advantage 0 for every sample
/// (also without std normalisation, where r - mean would be rounding noise) and counts in
/// <see cref="GroupStats.FracRewardZeroStd"/>. Arithmetic is in double; the result is float.
/// </summary>
public static class GroupAdvantages
{
    /// <param name="rewards">(groups, G) row-major: row g holds the G rewards of prompt g.</param>
    /// <param name="normalizeByStd">True: GRPO (<see cref="AdvantageEstimator.GroupNormalized"/>); false: Dr. GRPO (<see cref="AdvantageEstimator.GroupMeanOnly"/>).</param>
    public static (float[] Advantages, GroupStats Stats) Compute(ReadOnlySpan<float> rewards, int groupSize, bool normalizeByStd, double eps = 1e-6) =>
        Compute(rewards, groupSize, normalizeByStd ? AdvantageEstimator.GroupNormalized : AdvantageEstimator.GroupMeanOnly, eps);

    /// <inheritdoc cref="Compute(ReadOnlySpan{float}, int, bool, double)"/>
    public static (float[] Advantages, GroupStats Stats) Compute(ReadOnlySpan<float> rewards, int groupSize, AdvantageEstimator estimator, double eps = 1e-6)
    {
        if (groupSize < 2)
            throw new ArgumentOutOfRangeException(nameof(groupSize), groupSize, "a group needs at least 2 samples: a single sample has no baseline to compare with");
        if (rewards.Length == 0 || rewards.Length % groupSize != 0)
            throw new ArgumentException($"rewards must be a non-empty (groups, {groupSize}) table (got {rewards.Length} values)", nameof(rewards));
        if (!double.IsFinite(eps) || eps <= 0)
            throw new ArgumentOutOfRangeException(nameof(eps), eps, "eps must be a finite number > 0");
        for (var i = 0; i < rewards.Length; i++)
        {
            if (!float.IsFinite(rewards[i]))
                throw new ArgumentException($"reward {i} (group {i / groupSize}) is {rewards[i].ToString(CultureInfo.InvariantCulture)}: rewards must be finite", nameof(rewards));
        }
        Func<float, double, double, double, float> advantage = estimator switch
        {
            AdvantageEstimator.GroupNormalized => Normalized,
            AdvantageEstimator.GroupMeanOnly => MeanOnly,
            _ => throw new ArgumentOutOfRangeException(nameof(estimator), estimator, "unknown advantage estimator"),
        };

        var groups = rewards.Length / groupSize;
        var advantages = new float[rewards.Length];
        var (zeroStd, groupStdSum) = (0, 0.0);
        for (var g = 0; g < groups; g++)
        {
            var group = rewards.Slice(g * groupSize, groupSize);
            var (mean, std, min, max) = Moments(group);
            groupStdSum += std;
            if (min == max)
            {
                zeroStd++;
                continue;                                                                      // advantages stay 0
            }
            for (var i = 0; i < groupSize; i++) advantages[g * groupSize + i] = advantage(group[i], mean, std, eps);
        }
        var (allMean, allStd, allMin, allMax) = Moments(rewards);
        var stats = new GroupStats(groups, groupSize, (double)zeroStd / groups, allMean, allStd, allMin, allMax, groupStdSum / groups);
        return (advantages, stats);
    }

    static float Normalized(float reward, double mean, double std, double eps) => (float)((reward - mean) / (std + eps));

    static float MeanOnly(float reward, double mean, double std, double eps) => (float)(reward - mean);

    /// <summary>Mean, sample std (n - 1; 0 for a single value), min and max.</summary>
    static (double Mean, double Std, double Min, double Max) Moments(ReadOnlySpan<float> values)
    {
        var (sum, min, max) = (0.0, double.PositiveInfinity, double.NegativeInfinity);
        foreach (var v in values)
        {
            sum += v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        var mean = sum / values.Length;
        var squares = 0.0;
        foreach (var v in values) squares += (v - mean) * (v - mean);
        var std = values.Length > 1 ? Math.Sqrt(squares / (values.Length - 1)) : 0;
        return (mean, std, min, max);
    }
}
