using CoNRec.Core.Swing;

namespace CoNRec.Core.Tests.Swing;

public sealed class SwingBenchmarkTests
{
    [Fact]
    public void The_benchmark_prints_both_timings_and_the_ratio()
    {
        using var output = new StringWriter();

        var result = SwingBenchmark.Run(users: 300, items: 200, negativesPerUserMean: 6, seed: 1, output,
            new SwingOptions { MinCommonUsers = 2 });

        var text = output.ToString();
        Assert.Contains("fast:", text, StringComparison.Ordinal);
        Assert.Contains("naive:", text, StringComparison.Ordinal);
        Assert.Contains("ratio naive/fast:", text, StringComparison.Ordinal);
        Assert.True(result.SameNeighbors);
        Assert.True(result.Events > 300);
    }

    [Fact]
    public void The_synthetic_input_has_the_requested_size_and_co_dislikes()
    {
        var input = SyntheticSwingInput.Generate(users: 1000, items: 500, negativesPerUserMean: 10, seed: 2);

        Assert.InRange(input.PairCount, 9000, 11000);
        var neighbors = SwingSimilarity.Compute(input, new SwingOptions());
        Assert.True(neighbors.PairCount > 1000, $"expected many co-dislike neighbours, got {neighbors.PairCount}");
    }
}
