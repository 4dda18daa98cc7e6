using CoNRec.Core.Grpo;
using CoNRec.Model.Grpo;
using static TorchSharp.torch;

namespace CoNRec.Model.Tests.Grpo;

public sealed class GrpoLossClippingTests
{
    static readonly GrpoOptions NoKl = new() { Beta = 0 };

    /// <summary>One sample, one token: old log-prob 0, current log(ratio), so the ratio is exactly <paramref name="ratio"/>.</summary>
    static (GrpoLossResult Result, float Gradient) OneToken(double ratio, float advantage, GrpoOptions options)
    {
        var logp = tensor(new[] { (float)Math.Log(ratio) }, [1, 1]).requires_grad_();
        var result = GrpoLoss.Compute(logp, zeros(1, 1), null, tensor(new[] { advantage }), ones(1, 1), null, options);
        result.Loss.backward();
        return (result, logp.grad!.item<float>());
    }

    // pg = -min(ratio * A, clip(ratio, 0.8, 1.2) * A); d pg / d logp = -A * ratio on the unclipped branch, 0 on the clipped one.
    [Theory]
    [InlineData(1.5, 1f, -1.2, 0.0, 1.0)]   // A > 0, ratio above 1.2: -min(1.5, 1.2) = -1.2, clipped, no gradient
    [InlineData(0.5, 1f, -0.5, -0.5, 0.0)]  // A > 0, ratio below 0.8: -min(0.5, 0.8) = -0.5, not clipped, gradient -1 * 0.5
    [InlineData(0.5, -1f, 0.8, 0.0, 1.0)]   // A < 0, ratio below 0.8: -min(-0.5, -0.8) = 0.8, clipped, no gradient
    [InlineData(1.5, -1f, 1.5, 1.5, 0.0)]   // A < 0, ratio above 1.2: -min(-1.5, -1.2) = 1.5, not clipped, gradient 1 * 1.5
    [InlineData(1.1, 2f, -2.2, -2.2, 0.0)]  // inside the range: -min(2.2, 2.2) = -2.2, gradient -2 * 1.1
    public void Ppo_term_matches_the_hand_computed_clipping_cases(double ratio, float advantage, double loss, double gradient, double clipFrac)
    {
        using var scope = NewDisposeScope();

        var (result, grad) = OneToken(ratio, advantage, NoKl);

        Assert.Equal(loss, result.Loss.item<float>(), 5);
        Assert.Equal(gradient, grad, 5);
        Assert.Equal(clipFrac, result.Metrics.ClipFrac);
        Assert.Equal(loss, result.Metrics.PgLoss, 5);
    }

    [Fact]
    public void Low_and_high_clip_bounds_are_separate()
    {
        using var scope = NewDisposeScope();

        // ratio 1.25, A = 1: with high 0.2 the ratio is clipped to 1.2 -> -1.2; with high 0.28 (low still 0.2) 1.25 < 1.28 -> -1.25.
        var (symmetric, _) = OneToken(1.25, 1f, NoKl);
        var (higher, gradient) = OneToken(1.25, 1f, NoKl with { ClipHigh = 0.28 });
        // ratio 0.75, A = -1: with low 0.2 it is clipped to 0.8 -> 0.8; with low 0.3 0.75 > 0.7 -> 0.75.
        var (lowClipped, _) = OneToken(0.75, -1f, NoKl);
        var (lowWider, _) = OneToken(0.75, -1f, NoKl with { ClipLow = 0.3 });

        Assert.Equal(-1.2, symmetric.Loss.item<float>(), 5);
        Assert.Equal(-1.25, higher.Loss.item<float>(), 5);
        Assert.Equal(-1.25, gradient, 5);
        Assert.Equal(0.8, lowClipped.Loss.item<float>(), 5);
        Assert.Equal(0.75, lowWider.Loss.item<float>(), 5);
    }

    [Fact]
    public void Batch_metrics_count_clipped_tokens_and_ratios()
    {
        using var scope = NewDisposeScope();
        // The four cases of the theory as four samples of one token each.
        var logp = tensor(new[] { (float)Math.Log(1.5), (float)Math.Log(0.5), (float)Math.Log(0.5), (float)Math.Log(1.5) }, [4, 1]);
        var advantages = tensor(new[] { 1f, 1f, -1f, -1f });

        var result = GrpoLoss.Compute(logp, zeros(4, 1), null, advantages, ones(4, 1), null, NoKl);

        // pg = (-1.2 - 0.5 + 0.8 + 1.5) / 4 = 0.6 / 4 = 0.15; clipped: cases 1 and 3 -> 2 / 4;
        // ratio mean (1.5 + 0.5 + 0.5 + 1.5) / 4 = 1, max 1.5.
        Assert.Equal(0.15, result.Loss.item<float>(), 5);
        Assert.Equal(0.5, result.Metrics.ClipFrac);
        Assert.Equal(1.0, result.Metrics.RatioMean, 5);
        Assert.Equal(1.5, result.Metrics.RatioMax, 5);
        Assert.True(double.IsNaN(result.Metrics.Kl));
        Assert.Null(result.Metrics.Entropy);
    }
}
