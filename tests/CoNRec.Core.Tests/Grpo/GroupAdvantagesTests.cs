using CoNRec.Core.Grpo;

namespace CoNRec.Core.Tests.Grpo;

public sealed class GroupAdvantagesTests
{
    // Two groups of G = 3: group 0 has rewards 1, 3, 5; group 1 has every reward 0.5.
    static readonly float[] Rewards = [1, 3, 5, 0.5f, 0.5f, 0.5f];

    [Fact]
    public void Grpo_advantages_match_the_hand_computed_example()
    {
        var (advantages, stats) = GroupAdvantages.Compute(Rewards, groupSize: 3, normalizeByStd: true, eps: 1e-6);

        // Group 0: mean = (1 + 3 + 5) / 3 = 3; squared deviations 4 + 0 + 4 = 8; sample variance 8 / (3 - 1) = 4;
        // std = 2 (the population std would be sqrt(8 / 3) = 1.633). A = (-2, 0, 2) / (2 + 1e-6) = (-0.9999995, 0, 0.9999995).
        // Group 1: all equal -> A = 0 and it counts as zero-std: 1 of 2 groups -> 0.5.
        Assert.Equal([-0.9999995f, 0f, 0.9999995f, 0f, 0f, 0f], advantages);
        Assert.Equal(0.5, stats.FracRewardZeroStd);
        Assert.Equal(2, stats.Groups);
        Assert.Equal(3, stats.GroupSize);
    }

    [Fact]
    public void Mean_only_advantages_skip_the_std_division()
    {
        var (advantages, stats) = GroupAdvantages.Compute(Rewards, groupSize: 3, AdvantageEstimator.GroupMeanOnly);

        // Group 0: r - mean = (1 - 3, 3 - 3, 5 - 3) = (-2, 0, 2); group 1: 0.5 - 0.5 = 0.
        Assert.Equal([-2f, 0f, 2f, 0f, 0f, 0f], advantages);
        Assert.Equal(0.5, stats.FracRewardZeroStd);
    }

    [Fact]
    public void Batch_reward_statistics_match_the_hand_computed_example()
    {
        var (_, stats) = GroupAdvantages.Compute(Rewards, groupSize: 3, normalizeByStd: true);

        // mean = (1 + 3 + 5 + 3 * 0.5) / 6 = 10.5 / 6 = 1.75
        // squared deviations: 0.75^2 + 1.25^2 + 3.25^2 + 3 * 1.25^2 = 0.5625 + 1.5625 + 10.5625 + 4.6875 = 17.375
        // sample std = sqrt(17.375 / 5) = sqrt(3.475) = 1.8641351; group stds 2 and 0 -> mean 1.
        Assert.Equal(1.75, stats.RewardMean, 1e-12);
        Assert.Equal(Math.Sqrt(3.475), stats.RewardStd, 1e-12);
        Assert.Equal(0.5, stats.RewardMin);
        Assert.Equal(5, stats.RewardMax);
        Assert.Equal(1, stats.MeanGroupStd, 1e-12);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Equal_rewards_give_exactly_zero_advantage_whatever_the_rounding(bool normalizeByStd)
    {
        // 0.1 is not exact in binary, so mean(0.1 x 7) - 0.1 may be rounding noise, and noise / eps is large.
        float[] rewards = [0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f];

        var (advantages, stats) = GroupAdvantages.Compute(rewards, groupSize: 7, normalizeByStd);

        Assert.All(advantages, a => Assert.Equal(0f, a));
        Assert.Equal(1.0, stats.FracRewardZeroStd);
    }

    [Fact]
    public void Advantages_of_a_group_sum_to_zero()
    {
        float[] rewards = [0.2f, -0.7f, 0.9f, 0.4f, 0f, 1f, 1f, 0f];

        var (advantages, _) = GroupAdvantages.Compute(rewards, groupSize: 4, normalizeByStd: true);

        Assert.Equal(0, advantages[0] + advantages[1] + advantages[2] + advantages[3], 1e-5);
        Assert.Equal(0, advantages[4] + advantages[5] + advantages[6] + advantages[7], 1e-5);
    }

    [Fact]
    public void Bad_input_is_refused_with_a_clear_message()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GroupAdvantages.Compute([1f, 2f], groupSize: 1, normalizeByStd: true));
        var ragged = Assert.Throws<ArgumentException>(() => GroupAdvantages.Compute([1f, 2f, 3f], groupSize: 2, normalizeByStd: true));
        Assert.Contains("(groups, 2)", ragged.Message, StringComparison.Ordinal);
        var nan = Assert.Throws<ArgumentException>(() => GroupAdvantages.Compute([1f, float.NaN], groupSize: 2, normalizeByStd: true));
        Assert.Contains("reward 1 (group 0) is NaN", nan.Message, StringComparison.Ordinal);
    }
}
