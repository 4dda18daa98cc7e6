using CoNRec.Core.Data;
using CoNRec.Core.Import;

namespace CoNRec.Core.Tests.Import;

public sealed class ImportOptionsTests
{
    [Theory]
    [InlineData(1.0, FeedbackKind.Negative)]
    [InlineData(2.0, FeedbackKind.Negative)]
    [InlineData(2.5, FeedbackKind.Exposure)]
    [InlineData(3.0, FeedbackKind.Exposure)]
    [InlineData(3.5, FeedbackKind.Exposure)]
    [InlineData(4.0, FeedbackKind.Positive)]
    [InlineData(5.0, FeedbackKind.Positive)]
    public void Default_thresholds_split_ratings_into_kinds(double rating, FeedbackKind expected) =>
        Assert.Equal(expected, new ImportOptions().KindOfRating(rating));

    [Theory]
    [InlineData(0, 2, 4, "import.feature-dimension")]
    [InlineData(64, 4, 4, "import.negative-at-most")]
    [InlineData(64, double.NaN, 4, "import.negative-at-most")]
    [InlineData(64, 2, double.PositiveInfinity, "import.positive-at-least")]
    public void Invalid_settings_are_named(int dimension, double negativeAtMost, double positiveAtLeast, string setting)
    {
        var options = new ImportOptions { FeatureDimension = dimension, NegativeAtMost = negativeAtMost, PositiveAtLeast = positiveAtLeast };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }
}
