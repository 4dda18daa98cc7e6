using CoNRec.Model.Training;
using CoNRec.Model.Vocab;

namespace CoNRec.Model.Tests.Training;

public sealed class TrainingBenchmarkTests
{
    [Fact]
    public void A_tiny_benchmark_prints_throughput_step_time_and_peak_memory()
    {
        using var output = new StringWriter();

        var result = TrainingBenchmark.Run(output, TrainingBenchmarkOptions.Tiny);

        var text = output.ToString();
        Assert.Contains("tokens/s:", text, StringComparison.Ordinal);
        Assert.Contains("seconds per step:", text, StringComparison.Ordinal);
        Assert.Contains("peak memory: resident", text, StringComparison.Ordinal);
        Assert.Equal(3, result.Steps);
        Assert.True(result.TokensPerSecond > result.AnswerTokensPerSecond && result.AnswerTokensPerSecond > 0);
        Assert.True(result.PeakResidentBytes > 0 && result.PeakManagedBytes > 0);
    }

    [Fact]
    public void The_default_vocabulary_has_the_reserved_tokens_four_sid_levels_and_two_thousand_title_tokens()
    {
        var options = new TrainingBenchmarkOptions();

        Assert.Equal(ReservedTokens.All.Count + 3 * 256 + 8 + 2000, options.Policy.VocabSize);
        Assert.Equal(32, options.BatchSize);
    }

    [Fact]
    public void Synthetic_examples_have_contexts_in_range_and_a_sid_plus_eos_answer()
    {
        var layout = new SidTokenLayout(ReservedTokens.All.Count, [8, 8, 8, 2]);

        var examples = SyntheticNextNegative.Create(layout, items: 100, examples: 50, minContextTokens: 64, maxContextTokens: 200, seed: 4);

        Assert.Equal(50, examples.Count);
        Assert.All(examples, e =>
        {
            Assert.InRange(e.PromptLength, 64, 200);
            Assert.Equal(5, e.Answer.Length);
            Assert.Equal(SyntheticNextNegative.Reserved(ReservedTokens.Answer), e.Prompt[^1]);
            Assert.Equal(SyntheticNextNegative.Reserved(ReservedTokens.Eos), e.Answer[^1]);
            foreach (var token in e.Answer[..^1]) Assert.True(layout.IsSidToken(token));
        });
    }

    [Fact]
    public void Settings_out_of_range_are_refused_by_name()
    {
        var options = TrainingBenchmarkOptions.Tiny with { MaxContextTokens = 10 };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("benchmark.max_context_tokens", error.Message, StringComparison.Ordinal);
    }
}
