using CoNRec.Model.Sid;

namespace CoNRec.Model.Tests.Sid;

public sealed class RqVaeOptionsTests
{
    [Fact]
    public void Defaults_follow_the_method()
    {
        var options = new RqVaeOptions();

        Assert.Equal(3, options.Levels);
        Assert.Equal(256, options.CodebookSize);
        Assert.Equal(32, options.LatentDim);
        Assert.Equal([512, 256, 128], options.HiddenDims);
        Assert.Equal(0.25, options.Beta);
        Assert.True(options.KMeansInit);
        Assert.False(options.Ema);
        Assert.Equal(0.99, options.EmaDecay);
        Assert.Equal(1e-5, options.EmaEpsilon);
        Assert.True(options.DeadCodeReset);
        options.Validate();
    }

    [Theory]
    [InlineData("levels", "sid.levels must be between 1 and 25 (got 0)")]
    [InlineData("codebook", "sid.codebook_size must be >= 2 (got 1)")]
    [InlineData("beta", "sid.beta must be >= 0 (got -1)")]
    [InlineData("lr", "sid.learning_rate must be > 0 (got 0)")]
    [InlineData("decay", "sid.ema_decay must be in (0, 1) (got 1)")]
    [InlineData("hidden", "sid.hidden_dims must all be >= 1 (got 0)")]
    public void Validate_names_the_setting_that_is_wrong(string setting, string message)
    {
        var options = setting switch
        {
            "levels" => new RqVaeOptions { Levels = 0 },
            "codebook" => new RqVaeOptions { CodebookSize = 1 },
            "beta" => new RqVaeOptions { Beta = -1 },
            "lr" => new RqVaeOptions { LearningRate = 0 },
            "decay" => new RqVaeOptions { EmaDecay = 1 },
            _ => new RqVaeOptions { HiddenDims = [64, 0] },
        };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(message, error.Message);
    }
}
