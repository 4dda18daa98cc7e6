using CoNRec.Core.Evaluation;

namespace CoNRec.Core.Tests.Evaluation;

public sealed class EvaluationOptionsTests
{
    [Fact]
    public void Defaults_follow_the_paper()
    {
        var options = new EvaluationOptions();

        options.Validate();
        Assert.Equal((20, 3, 5), (options.K, options.LongTailUserMaxNegatives, options.LongTailItemMaxNegatives));
    }

    [Theory]
    [InlineData(0, 3, 5, "eval.k must be >= 1 (got 0)")]
    [InlineData(20, 0, 5, "eval.longTailUserMaxNegatives must be >= 1 (got 0)")]
    [InlineData(20, 3, -1, "eval.longTailItemMaxNegatives must be >= 1 (got -1)")]
    public void Validate_names_the_bad_setting(int k, int users, int items, string message)
    {
        var options = new EvaluationOptions(k, users, items);

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(message, error.Message);
    }
}
