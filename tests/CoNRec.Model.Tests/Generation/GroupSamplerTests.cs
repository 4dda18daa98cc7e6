using CoNRec.Model.Generation;
using static TorchSharp.torch;

namespace CoNRec.Model.Tests.Generation;

public sealed class GroupSamplerTests
{
    [Fact]
    public void Constrained_sampling_from_random_weights_only_ever_produces_real_items()
    {
        using var model = GenerationWorld.Model();
        var trie = GenerationWorld.Trie();

        var samples = GroupSampler.Sample(model, [[1, 2, 3], [7, 7]], trie, groupSize: 100, temperature: 1.5, seed: 3);

        Assert.Equal(200, samples.Rows);
        for (var r = 0; r < samples.Rows; r++)
        {
            Assert.InRange(samples.Items[r], 0, trie.ItemCount - 1);
            Assert.Equal(samples.Items[r], trie.ItemOf(samples.TokensOf(r)));
        }
        Assert.True(samples.Items.Distinct().Count() > 3, "a hot sampler over 12 items should reach several of them");
    }

    [Fact]
    public void Each_prompt_gets_its_group_of_completions()
    {
        using var model = GenerationWorld.Model();
        var trie = GenerationWorld.Trie();

        var samples = GroupSampler.Sample(model, GenerationWorld.Prompts, trie, groupSize: 4, temperature: 1.0, seed: 1);

        Assert.Equal((3, 4, 3), (samples.Prompts, samples.GroupSize, samples.Depth));
        Assert.Equal(12 * 3, samples.Tokens.Length);
        Assert.Equal(12 * 3, samples.LogProbs.Length);
        Assert.Equal(12, samples.Items.Length);
        Assert.Equal(samples.LogProbs, samples.LogProbsAtOne);
        Assert.All(samples.LogProbs, p => Assert.True(p <= 0 && float.IsFinite(p)));
    }

    [Fact]
    public void The_same_seed_gives_the_same_samples_and_another_seed_others()
    {
        using var model = GenerationWorld.Model();
        var trie = GenerationWorld.Trie();

        var first = GroupSampler.Sample(model, GenerationWorld.Prompts, trie, 8, 1.0, seed: 42);
        var again = GroupSampler.Sample(model, GenerationWorld.Prompts, trie, 8, 1.0, seed: 42);
        var other = GroupSampler.Sample(model, GenerationWorld.Prompts, trie, 8, 1.0, seed: 43);

        Assert.Equal(first.Tokens, again.Tokens);
        Assert.Equal(first.LogProbs, again.LogProbs);
        Assert.NotEqual(first.Tokens, other.Tokens);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.7)]
    public void Sampled_log_probabilities_equal_a_full_forward_over_prompt_and_completion(double temperature)
    {
        using var model = GenerationWorld.Model();
        var trie = GenerationWorld.Trie();

        var samples = GroupSampler.Sample(model, GenerationWorld.Prompts, trie, groupSize: 3, temperature, seed: 9);

        for (var p = 0; p < samples.Prompts; p++)
        {
            for (var g = 0; g < samples.GroupSize; g++)
            {
                var row = samples.Row(p, g);
                var atT = GenerationWorld.ReferenceLogProbs(model, trie, GenerationWorld.Prompts[p], samples.TokensOf(row), temperature);
                var atOne = GenerationWorld.ReferenceLogProbs(model, trie, GenerationWorld.Prompts[p], samples.TokensOf(row));
                for (var l = 0; l < samples.Depth; l++)
                {
                    Assert.Equal(atT[l], samples.LogProbsOf(row)[l], 1e-4);
                    Assert.Equal(atOne[l], samples.LogProbsAtOneOf(row)[l], 1e-4);
                }
            }
        }
    }

    [Fact]
    public void Near_zero_temperature_samples_the_greedy_sid()
    {
        using var model = GenerationWorld.Model();
        var trie = GenerationWorld.Trie();

        var samples = GroupSampler.Sample(model, GenerationWorld.Prompts, trie, groupSize: 5, temperature: 1e-4, seed: 2);

        for (var p = 0; p < samples.Prompts; p++)
        {
            var greedy = GenerationWorld.ReferenceGreedy(model, trie, GenerationWorld.Prompts[p]);
            for (var g = 0; g < samples.GroupSize; g++)
            {
                Assert.Equal(greedy, samples.TokensOf(samples.Row(p, g)).ToArray());
                Assert.All(samples.LogProbsOf(samples.Row(p, g)).ToArray(), lp => Assert.True(lp > -1e-3, $"log p {lp}"));
            }
        }
    }

    [Fact]
    public void A_model_in_training_mode_is_sampled_in_eval_mode_and_handed_back_in_training_mode()
    {
        using var model = GenerationWorld.Model();
        model.train();

        GroupSampler.Sample(model, GenerationWorld.Prompts, GenerationWorld.Trie(), 2, 1.0, seed: 1);

        Assert.True(model.training);
    }

    [Fact]
    public void A_right_padded_batch_is_refused()
    {
        using var model = GenerationWorld.Model();
        using var ids = tensor(new long[,] { { 1, 2, 0 }, { 3, 4, 5 } });
        using var mask = tensor(new long[,] { { 1, 1, 0 }, { 1, 1, 1 } });
        using var generator = new Generator(1);

        var error = Assert.Throws<ArgumentException>(() => GroupSampler.Sample(model, ids, mask, GenerationWorld.Trie(), 2, 1.0, generator));

        Assert.Contains("left-padded", error.Message, StringComparison.Ordinal);
    }
}
