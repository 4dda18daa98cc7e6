using CoNRec.Core.Rewards;

namespace CoNRec.Core.Tests.Rewards;

public sealed class SampleWeightingTests
{
    // User c at day 0 has FPS = {item 1 at 90°}: item 3 (30°) is at cosine 0.5 from it, item 2 (60°) at 0.866.
    // User h at day 0 has no future positive.
    static (SampleWeighting Weighting, RewardAnchor Liked, RewardAnchor NoPositives) Arrange(SampleWeightingOptions? options = null)
    {
        var dataset = RewardData.TwoUsers();
        var context = RewardData.Context(dataset, new RewardOptions());
        return (new SampleWeighting(context, options ?? new SampleWeightingOptions()),
            RewardData.Anchor(dataset, 0, 1, 0), RewardData.Anchor(dataset, 1, 1, 0));
    }

    [Fact]
    public void A_sample_with_a_generation_close_to_a_future_positive_is_up_weighted()
    {
        var (weighting, liked, _) = Arrange();

        Assert.Equal(1f, weighting.WeightOf(liked, [3]));
        Assert.Equal(2f, weighting.WeightOf(liked, [3, 2]));
        Assert.Equal(0.8660254f, weighting.Proximity(liked, [3, 2]), 1e-5f);
    }

    [Fact]
    public void Samples_without_future_positives_or_generations_are_never_flagged()
    {
        var (weighting, liked, noPositives) = Arrange(new SampleWeightingOptions { ProximityThreshold = -1 });

        Assert.False(weighting.IsFlagged(noPositives, [1]));
        Assert.False(weighting.IsFlagged(liked, []));
        Assert.True(weighting.IsFlagged(liked, [5]));
    }

    [Fact]
    public void Weights_follow_the_threshold_and_factor_for_every_anchor()
    {
        var (weighting, liked, noPositives) = Arrange(new SampleWeightingOptions { ProximityThreshold = 0.4, UpWeight = 3 });

        var weights = weighting.Weights([liked, liked, noPositives], [[3], [5], [1]]);

        Assert.Equal([3f, 1f, 1f], weights);
    }

    [Theory]
    [InlineData(1.5, 2, "weighting.proximityThreshold must be a cosine in [-1, 1] (got 1.5)")]
    [InlineData(0.8, 0.5, "weighting.upWeight must be >= 1 (got 0.5)")]
    public void Validate_names_the_bad_setting(double threshold, double upWeight, string message)
    {
        var options = new SampleWeightingOptions { ProximityThreshold = threshold, UpWeight = upWeight };

        var error = Assert.Throws<ArgumentException>(() => options.Validate());

        Assert.Equal(message, error.Message);
    }
}
