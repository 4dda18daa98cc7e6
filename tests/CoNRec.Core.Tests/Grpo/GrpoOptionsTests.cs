using CoNRec.Core.Grpo;

namespace CoNRec.Core.Tests.Grpo;

public sealed class GrpoOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_follow_the_method()
    {
        var options = new GrpoOptions().Validate();

        Assert.Equal((0.2, 0.2), (options.ClipLow, options.ClipHigh));
        Assert.Equal(LossAggregation.TokenMean, options.LossAggregation);
        Assert.True(options.NormalizeAdvantageByStd);
        Assert.Equal((1, 1), (options.Epochs, options.MiniBatches));
        Assert.Equal(1.0, options.Temperature);
    }

    [Fact]
    public void Std_normalisation_switch_selects_the_estimator()
    {
        var options = new GrpoOptions { NormalizeAdvantageByStd = false };

        Assert.Equal(AdvantageEstimator.GroupMeanOnly, options.AdvantageEstimator);
        Assert.True((options with { AdvantageEstimator = AdvantageEstimator.GroupNormalized }).NormalizeAdvantageByStd);
    }

    public static TheoryData<GrpoOptions, string> BadOptions => new()
    {
        { new GrpoOptions { ClipLow = 1.5 }, "grpo.clipLow must be in [0, 1) (got 1.5)" },
        { new GrpoOptions { ClipLow = -0.1 }, "grpo.clipLow must be in [0, 1) (got -0.1)" },
        { new GrpoOptions { ClipHigh = double.NaN }, "grpo.clipHigh must be a finite number >= 0 (got NaN)" },
        { new GrpoOptions { Beta = -1 }, "grpo.beta must be a finite number >= 0 (got -1)" },
        { new GrpoOptions { LossAggregation = (LossAggregation)7 }, "grpo.lossAggregation must be TokenMean, SeqMeanTokenMean or DrGrpo (got 7)" },
        { new GrpoOptions { AdvantageEstimator = (AdvantageEstimator)9 }, "grpo.advantageEstimator must be GroupNormalized or GroupMeanOnly (got 9)" },
        { new GrpoOptions { AdvantageEpsilon = 0 }, "grpo.advantageEpsilon must be a finite number > 0 (got 0)" },
        { new GrpoOptions { Epochs = 0 }, "grpo.epochs must be >= 1 (got 0)" },
        { new GrpoOptions { MiniBatches = 0 }, "grpo.miniBatches must be >= 1 (got 0)" },
        { new GrpoOptions { GradientClip = -2 }, "grpo.gradientClip must be a finite number >= 0 (got -2)" },
        { new GrpoOptions { Temperature = 0 }, "grpo.temperature must be a finite number > 0 (got 0)" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Validation_names_the_bad_setting(GrpoOptions options, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => options.Validate());

        Assert.Equal(message, error.Message);
    }
}
