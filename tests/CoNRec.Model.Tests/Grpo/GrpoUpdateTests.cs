using CoNRec.Core.Grpo;
using CoNRec.Model.Grpo;
using AdamW = CoNRec.Model.Training.AdamW;
using TorchSharp;
using Parameter = TorchSharp.Modules.Parameter;
using static TorchSharp.torch;

namespace CoNRec.Model.Tests.Grpo;

/// <summary>A toy policy: one learnable logits vector over 3 "items"; a completion is one item (T = 1).</summary>
public sealed class GrpoUpdateTests
{
    const int Groups = 4, G = 8;

    static PolicyLogProbs LogProbsOf(Parameter logits, long[] items, int[] rows)
    {
        var picked = tensor(Array.ConvertAll(rows, r => items[r]));
        return new PolicyLogProbs(logits.log_softmax(0).index_select(0, picked).unsqueeze(1));   // (b, 1)
    }

    /// <summary>Samples Groups x G items from the current policy, rewards item 0, and runs one GRPO update.</summary>
    static GrpoUpdateMetrics Step(Parameter logits, AdamW optimizer, Generator generator, GrpoOptions options)
    {
        using var scope = NewDisposeScope();
        var probs = logits.detach().softmax(0);
        var items = multinomial(probs.expand(Groups, 3), G, replacement: true, generator: generator).reshape(-1); // (N)
        var itemArray = items.data<long>().ToArray();
        var rewards = Array.ConvertAll(itemArray, i => i == 0 ? 1f : 0f);
        var (advantages, _) = GroupAdvantages.Compute(rewards, G, options.NormalizeAdvantageByStd);
        var old = logits.detach().log_softmax(0).index_select(0, items).unsqueeze(1);                 // (N, 1)
        var reference = full(itemArray.Length, 1, (float)Math.Log(1.0 / 3));                           // uniform warm-up model
        var batch = new GrpoBatch(old, reference, tensor(advantages), ones(itemArray.Length, 1));
        return GrpoUpdate.Run(optimizer, rows => LogProbsOf(logits, itemArray, rows), batch, options, learningRate: 0.1);
    }

    [Fact]
    public void A_few_grpo_steps_raise_the_probability_of_the_rewarded_item()
    {
        using var scope = NewDisposeScope();
        var logits = new Parameter(zeros(3));
        using var optimizer = new AdamW([("logits", logits)], weightDecay: 0);
        var generator = new Generator(5);
        var options = new GrpoOptions { Beta = 0.04, Epochs = 2, MiniBatches = 2 };
        var before = logits.detach().softmax(0)[0].item<float>();

        GrpoUpdateMetrics? last = null;
        for (var step = 0; step < 8; step++) last = Step(logits, optimizer, generator, options);

        var after = logits.detach().softmax(0)[0].item<float>();
        Assert.Equal(1f / 3, before, 6);
        Assert.True(after > 0.7, $"p(item 0) went from {before} to {after}");
        Assert.Equal(4, last!.Updates);                                                   // 2 epochs x 2 minibatches
        Assert.Equal(0, last.SkippedUpdates);
        Assert.True(last.GradNorm > 0);
        Assert.True(last.Kl > 0);
    }

    [Fact]
    public void With_zero_advantages_the_kl_term_pulls_the_policy_toward_the_reference()
    {
        using var scope = NewDisposeScope();
        var logits = new Parameter(tensor(new[] { 2f, 0f, -1f }));
        using var optimizer = new AdamW([("logits", logits)], weightDecay: 0);
        long[] items = [0, 1, 2];                                                         // every item once: a deterministic k3 sum
        var reference = full(3, 1, (float)Math.Log(1.0 / 3));
        var options = new GrpoOptions { Beta = 1 };
        var distanceBefore = (logits.detach().softmax(0) - 1.0 / 3).abs().max().item<float>();

        var kls = new List<double>();
        for (var step = 0; step < 20; step++)
        {
            using var stepScope = NewDisposeScope();
            var old = logits.detach().log_softmax(0).unsqueeze(1);                        // (3, 1)
            var batch = new GrpoBatch(old, reference, zeros(3), ones(3, 1));
            kls.Add(GrpoUpdate.Run(optimizer, rows => LogProbsOf(logits, items, rows), batch, options, learningRate: 0.05).Kl);
        }

        var distanceAfter = (logits.detach().softmax(0) - 1.0 / 3).abs().max().item<float>();
        Assert.True(distanceAfter < distanceBefore / 2, $"max |p - 1/3| went from {distanceBefore} to {distanceAfter}");
        Assert.True(kls[^1] < kls[0] / 2, $"KL went from {kls[0]} to {kls[^1]}");
    }

    [Fact]
    public void Gradient_clipping_bounds_the_reported_norm_and_the_step()
    {
        using var scope = NewDisposeScope();
        var logits = new Parameter(zeros(3));
        using var optimizer = new AdamW([("logits", logits)], weightDecay: 0);
        long[] items = [0, 1, 2, 0];
        // Advantages 10, -10, -10, 10 on a uniform policy: the gradient norm is far above the 0.5 clip.
        var batch = new GrpoBatch(full(4, 1, (float)Math.Log(1.0 / 3)), null, tensor(new[] { 10f, -10f, -10f, 10f }), ones(4, 1));

        var metrics = GrpoUpdate.Run(optimizer, rows => LogProbsOf(logits, items, rows), batch,
            new GrpoOptions { Beta = 0, GradientClip = 0.5 }, learningRate: 0.01);

        // The reported norm is the one before clipping; the gradient left for the step is scaled to 0.5.
        Assert.True(metrics.GradNorm > 0.5, $"grad norm {metrics.GradNorm}");
        Assert.Equal(0.5, logits.grad!.norm().item<float>(), 4);
    }

    [Fact]
    public void Repeated_updates_do_not_grow_the_live_tensor_count()
    {
        using var scope = NewDisposeScope();
        var logits = new Parameter(zeros(3));
        using var optimizer = new AdamW([("logits", logits)], weightDecay: 0);
        var generator = new Generator(9);
        var options = new GrpoOptions { Epochs = 2, MiniBatches = 2 };
        Step(logits, optimizer, generator, options);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        for (var i = 0; i < 10; i++) Step(logits, optimizer, generator, options);

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void More_minibatches_than_rows_is_refused()
    {
        using var scope = NewDisposeScope();
        var logits = new Parameter(zeros(3));
        using var optimizer = new AdamW([("logits", logits)], weightDecay: 0);
        var batch = new GrpoBatch(zeros(2, 1), null, zeros(2), ones(2, 1));

        var error = Assert.Throws<ArgumentException>(() =>
            GrpoUpdate.Run(optimizer, rows => LogProbsOf(logits, [0, 1], rows), batch, new GrpoOptions { Beta = 0, MiniBatches = 3 }, 0.1));

        Assert.Contains("grpo.miniBatches is 3", error.Message, StringComparison.Ordinal);
    }
}
