using CoNRec.Model.Generation;

namespace CoNRec.Model.Tests.Generation;

public sealed class GenerationBenchmarkTests
{
    [Fact]
    public void A_tiny_benchmark_prints_both_paths_and_their_ratio()
    {
        using var output = new StringWriter();

        var result = GenerationBenchmark.Run(output, GenerationBenchmarkOptions.Tiny);

        var text = output.ToString();
        Assert.Contains("cached shared-prefix path:", text, StringComparison.Ordinal);
        Assert.Contains("uncached full recomputation:", text, StringComparison.Ordinal);
        Assert.Contains("speed ratio (uncached / cached):", text, StringComparison.Ordinal);
        Assert.True(result.CachedSecondsPerGroup > 0 && result.UncachedSecondsPerGroup > 0);
    }

    [Fact]
    public void Settings_out_of_range_are_refused_by_name()
    {
        var options = GenerationBenchmarkOptions.Tiny with { GroupSize = 0 };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("benchmark.group_size", error.Message, StringComparison.Ordinal);
    }
}
