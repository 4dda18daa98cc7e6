using CoNRec.Core.Rewards;

namespace CoNRec.Core.Tests.Rewards;

public sealed class RewardScorerTests
{
    // User c at day 0: GTS = {item 0 at 0°}, FPS = {item 1 at 90°}. A generated item at angle a has
    // s+ = cos(a) and s- = sin(a): item 2 (60°) s+ = 0.5, s- = 0.866; item 3 (30°) s+ = 0.866, s- = 0.5.
    const float Cos30 = 0.8660254f;
    const float Tolerance = 1e-5f;

    static float Score(RewardOptions options, int item, int user = 0, int offset = 1, double day = 0)
    {
        var dataset = RewardData.TwoUsers();
        var scorer = new RewardScorer(RewardData.Context(dataset, options));
        return scorer.Score(RewardData.Anchor(dataset, user, offset, day), item);
    }

    static RewardOptions Variant(RewardVariant variant) => new() { Variant = variant };

    [Theory]
    [InlineData(RewardVariant.NegativesOnly, 2, 0.5f)]
    [InlineData(RewardVariant.NegativesOnly, 3, Cos30)]
    [InlineData(RewardVariant.Truncated, 2, 0f)] // 0.5 < 0.6: truncated
    [InlineData(RewardVariant.Truncated, 3, Cos30)]
    [InlineData(RewardVariant.NegativeMinusPositive, 2, 0.5f - 0.5f * Cos30)]
    [InlineData(RewardVariant.NegativeMinusPositive, 3, Cos30 - 0.5f * 0.5f)]
    [InlineData(RewardVariant.DoubleTruncated, 2, 0f - 0.5f * Cos30)] // s+ truncated, s- kept
    [InlineData(RewardVariant.DoubleTruncated, 3, Cos30 - 0f)] // s- = 0.5 < 0.6: no penalty
    [InlineData(RewardVariant.NegativeMinusPositive, 4, 1f)] // same direction as the negative, 3x longer
    [InlineData(RewardVariant.NegativeMinusPositive, 5, -1f)] // opposite: s+ = -1, s- = 0
    public void Each_variant_matches_the_hand_computed_cosines(RewardVariant variant, int item, float expected)
    {
        var reward = Score(Variant(variant), item);

        Assert.Equal(expected, reward, Tolerance);
    }

    [Fact]
    public void Gamma_scales_the_future_positive_penalty()
    {
        var reward = Score(new RewardOptions { Gamma = 1 }, 3);
        var noPenalty = Score(new RewardOptions { Gamma = 0 }, 3);

        Assert.Equal(Cos30 - 0.5f, reward, Tolerance);
        Assert.Equal(Cos30, noPenalty, Tolerance);
    }

    [Fact]
    public void Truncation_thresholds_are_settable()
    {
        var options = new RewardOptions { Variant = RewardVariant.DoubleTruncated, TruncationThreshold = 0.4, FpsThreshold = 0.9 };

        // Item 2: s+ = 0.5 >= 0.4 is kept; s- = 0.866 < 0.9 is dropped.
        var reward = Score(options, 2);

        Assert.Equal(0.5f, reward, Tolerance);
    }

    [Fact]
    public void Empty_future_sets_give_no_reward_and_no_penalty()
    {
        // User c after day 2: nothing left. User c after day 1: only the liked item 1 remains.
        var nothing = Score(new RewardOptions(), 3, offset: 3, day: 2);
        var onlyPositive = Score(new RewardOptions(), 3, offset: 2, day: 1);
        // User h at day 0: negatives 0 and 5, no positives: s+ = max(cos 30°, cos 150°).
        var onlyNegative = Score(new RewardOptions(), 3, user: 1);

        Assert.Equal(0f, nothing);
        Assert.Equal(-0.5f * 0.5f, onlyPositive, Tolerance);
        Assert.Equal(Cos30, onlyNegative, Tolerance);
    }

    [Theory]
    [InlineData(0, 1f)] // exact SID of a future negative
    [InlineData(5, 1f)] // the other future negative
    [InlineData(2, 0.1f)] // same three levels, other suffix: a different item
    [InlineData(3, 0.1f)] // two-level prefix
    [InlineData(4, 0.01f)] // one-level prefix
    [InlineData(6, 0f)] // first code differs
    [InlineData(1, 0f)]
    public void Hit_based_rewards_give_prefix_credits_against_the_ground_truth_set(int item, float expected)
    {
        var reward = Score(Variant(RewardVariant.HitBased), item, user: 1);

        Assert.Equal(expected, reward, Tolerance);
    }

    [Theory]
    [InlineData(1, 0, 0, 1f)] // next negative is item 0
    [InlineData(1, 0, 5, 0f)] // item 5 is a future negative but not the next one
    [InlineData(1, 0, 2, 0.1f)]
    [InlineData(3, 2, 4, 1f)] // next negative item 4 lies beyond the 7-day window
    [InlineData(3, 2, 3, 0.01f)]
    public void Next_negative_hit_rewards_only_the_next_negative(int offset, double day, int item, float expected)
    {
        var reward = Score(Variant(RewardVariant.NextNegativeHit), item, user: 1, offset: offset, day: day);

        Assert.Equal(expected, reward, Tolerance);
    }

    [Fact]
    public void Batched_scores_equal_single_scores()
    {
        var dataset = RewardData.TwoUsers();
        var scorer = new RewardScorer(RewardData.Context(dataset, new RewardOptions()));
        var anchor = RewardData.Anchor(dataset, 0, 1, 0);
        int[] items = [0, 1, 2, 3, 4, 5, 6, 7];
        var rewards = new float[items.Length];

        scorer.Score(anchor, items, rewards);

        for (var k = 0; k < items.Length; k++) Assert.Equal(scorer.Score(anchor, items[k]), rewards[k]);
    }

    [Fact]
    public void Hit_variants_without_sid_codes_are_refused()
    {
        var dataset = RewardData.TwoUsers();

        var error = Assert.Throws<ArgumentException>(() => new RewardContext(dataset, RewardData.FullHistory(dataset),
            RewardData.AngleEmbeddings(), 2, null, null, Variant(RewardVariant.HitBased)));

        Assert.StartsWith("reward.variant HitBased needs the items' SID codes", error.Message, StringComparison.Ordinal);
    }
}
