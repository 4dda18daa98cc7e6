using CoNRec.Core.Rewards;

namespace CoNRec.Core.Tests.Rewards;

public sealed class RewardOptionsTests
{
    [Fact]
    public void Defaults_follow_the_paper()
    {
        var options = new RewardOptions();

        options.Validate();
        Assert.Equal(RewardVariant.NegativeMinusPositive, options.Variant);
        Assert.Equal((7.0, 0.5, 0.6, 0.6, 10), (options.WindowDays, options.Gamma, options.TruncationThreshold, options.FpsThreshold, options.SwingNeighbours));
        Assert.Equal((1.0, 0.1, 0.01), (options.HitExact, options.HitTwoLevelPrefix, options.HitOneLevelPrefix));
    }

    [Theory]
    [InlineData("gamma", -1, "reward.gamma must be >= 0 (got -1)")]
    [InlineData("windowDays", 0, "reward.windowDays must be a positive number of days (got 0)")]
    [InlineData("truncationThreshold", 1.5, "reward.truncationThreshold must be a cosine in [-1, 1] (got 1.5)")]
    [InlineData("fpsThreshold", -2, "reward.fpsThreshold must be a cosine in [-1, 1] (got -2)")]
    [InlineData("hitExact", double.NaN, "reward.hitExact must be >= 0 (got NaN)")]
    [InlineData("hitTwoLevelPrefix", -0.1, "reward.hitTwoLevelPrefix must be >= 0 (got -0.1)")]
    [InlineData("swingNeighbours", -1, "reward.swingNeighbours must be >= 0 (got -1)")]
    [InlineData("variant", 9, "reward.variant 9 is not a known variant")]
    public void Validate_names_the_bad_setting(string setting, double value, string message)
    {
        var options = setting switch
        {
            "gamma" => new RewardOptions { Gamma = value },
            "windowDays" => new RewardOptions { WindowDays = value },
            "truncationThreshold" => new RewardOptions { TruncationThreshold = value },
            "fpsThreshold" => new RewardOptions { FpsThreshold = value },
            "hitExact" => new RewardOptions { HitExact = value },
            "hitTwoLevelPrefix" => new RewardOptions { HitTwoLevelPrefix = value },
            "swingNeighbours" => new RewardOptions { SwingNeighbours = (int)value },
            _ => new RewardOptions { Variant = (RewardVariant)(int)value },
        };

        var error = Assert.Throws<ArgumentException>(() => options.Validate());

        Assert.Equal(message, error.Message);
    }
}
