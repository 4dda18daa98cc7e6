using CoNRec.Core.Swing;

namespace CoNRec.Core.Tests.Swing;

public sealed class SwingOptionsTests
{
    public static TheoryData<SwingOptions, string> BadOptions() => new()
    {
        { new SwingOptions { TopN = 0 }, "swing.topN must be >= 1 (got 0)" },
        { new SwingOptions { Alpha1 = -1 }, "swing.alpha1 must be a finite number >= 0 (got -1)" },
        { new SwingOptions { Alpha2 = double.NaN }, "swing.alpha2 must be a finite number >= 0 (got NaN)" },
        { new SwingOptions { Theta = -0.5 }, "swing.theta must be a finite number >= 0 (got -0.5)" },
        { new SwingOptions { MinCommonUsers = 1 }, "swing.minCommonUsers must be >= 2" },
        { new SwingOptions { MaxUsersPerItem = 1 }, "swing.maxUsersPerItem must be >= 2 (got 1)" },
        { new SwingOptions { Normalization = (SwingNormalization)9 }, "swing.normalization" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Validation_names_the_bad_setting(SwingOptions options, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => options.Validate());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_the_papers_and_are_valid()
    {
        var options = new SwingOptions().Validate();

        Assert.Equal((5.0, 1.0, 0.5, 10, 5), (options.Alpha1, options.Alpha2, options.Theta, options.TopN, options.MinCommonUsers));
        Assert.Equal(SwingNormalization.SqrtPopularity, options.Normalization);
    }

    [Fact]
    public void Compute_refuses_invalid_options()
    {
        var input = SwingInput.FromPairs(2, 2, [(0, 0), (1, 0)]);

        Assert.Throws<ArgumentException>(() => SwingSimilarity.Compute(input, new SwingOptions { TopN = 0 }));
    }
}
