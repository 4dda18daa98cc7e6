namespace CoNRec.Core.Grpo;

/// <summary>Reward summary of one batch of groups.</summary>
/// <param name="FracRewardZeroStd">Share of groups whose rewards are all equal (they carry no learning signal).</param>
/// <param name="RewardMean">Mean over every reward of the batch.</param>
/// <param name="RewardStd">Sample (unbiased, n - 1) standard deviation over every reward of the batch.</param>
/// <param name="MeanGroupStd">Mean over groups of the within-group sample standard deviation.</param>
public sealed record GroupStats(
    int Groups, int GroupSize, double FracRewardZeroStd,
    double RewardMean, double RewardStd, double RewardMin, double RewardMax, double MeanGroupStd);
