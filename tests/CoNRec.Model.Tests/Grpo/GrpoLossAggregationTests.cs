using CoNRec.Core.Grpo;
using CoNRec.Model.Grpo;
using static TorchSharp.torch;

namespace CoNRec.Model.Tests.Grpo;

public sealed class GrpoLossAggregationTests
{
    // Ragged: row 0 has 3 completion tokens, row 1 only its first.
    static Tensor RaggedMask() => tensor(new[] { 1f, 1f, 1f, 1f, 0f, 0f }, [2, 3]);

    [Theory]
    [InlineData(LossAggregation.TokenMean, 2.5)]             // (1 + 2 + 3 + 4) / 4 tokens = 2.5
    [InlineData(LossAggregation.SeqMeanTokenMean, 3.0)]      // ((1 + 2 + 3) / 3 + 4 / 1) / 2 rows = (2 + 4) / 2 = 3
    [InlineData(LossAggregation.DrGrpo, 10.0 / 6)]           // (1 + 2 + 3 + 4) / (2 rows * 3 positions) = 1.6667
    public void Each_mode_aggregates_a_ragged_mask_as_computed_by_hand(LossAggregation mode, double expected)
    {
        using var scope = NewDisposeScope();
        var perToken = tensor(new[] { 1f, 2f, 3f, 4f, 5f, 6f }, [2, 3]);               // 5 and 6 are padding

        var loss = GrpoLoss.Aggregate(perToken, RaggedMask(), mode);

        Assert.Equal(expected, loss.item<float>(), 5);
    }

    [Theory]
    [InlineData(LossAggregation.TokenMean, 1.75)]            // ratio 1 -> pg = -A: tokens 1, 1, 1, 4 -> 7 / 4
    [InlineData(LossAggregation.SeqMeanTokenMean, 2.5)]      // (3 / 3 + 4 / 1) / 2 = 2.5
    [InlineData(LossAggregation.DrGrpo, 7.0 / 6)]            // 7 / (2 * 3) = 1.1667
    public void The_loss_uses_the_configured_aggregation(LossAggregation mode, double expected)
    {
        using var scope = NewDisposeScope();
        var logp = full(2, 3, -1.0f);

        var result = GrpoLoss.Compute(logp, logp, null, tensor(new[] { -1f, -4f }), RaggedMask(), null,
            new GrpoOptions { Beta = 0, LossAggregation = mode });

        Assert.Equal(expected, result.Loss.item<float>(), 5);
    }

    [Fact]
    public void Rows_without_tokens_are_left_out_of_the_sequence_mean()
    {
        using var scope = NewDisposeScope();
        var perToken = tensor(new[] { 1f, 2f, 3f, 9f, 9f, 9f }, [2, 3]);

        var loss = GrpoLoss.Aggregate(perToken, tensor(new[] { 1f, 1f, 1f, 0f, 0f, 0f }, [2, 3]), LossAggregation.SeqMeanTokenMean);

        Assert.Equal(2.0, loss.item<float>(), 6);                                        // (1 + 2 + 3) / 3, one row
    }

    [Fact]
    public void Sample_weights_scale_each_samples_contribution()
    {
        using var scope = NewDisposeScope();
        var logp = full(2, 3, -1.0f).requires_grad_();
        var options = new GrpoOptions { Beta = 0 };

        // Weights 2 and 0.5 on per-token pg 1 (row 0) and 4 (row 1): (2 * 1 * 3 + 0.5 * 4) / 4 tokens = 8 / 4 = 2 (unweighted 1.75).
        var result = GrpoLoss.Compute(logp, logp.detach(), null, tensor(new[] { -1f, -4f }), RaggedMask(), tensor(new[] { 2f, 0.5f }), options);
        result.Loss.backward();

        Assert.Equal(2.0, result.Loss.item<float>(), 5);
        Assert.Equal(2.0, result.Metrics.PgLoss, 5);
        // d/d logp of w * (-A * ratio) / 4 at ratio 1: row 0: 2 * 1 / 4 = 0.5; row 1: 0.5 * 4 / 4 = 0.5; padding 0.
        Assert.Equal(0.5, logp.grad![0, 0].item<float>(), 5);
        Assert.Equal(0.5, logp.grad![1, 0].item<float>(), 5);
        Assert.Equal(0f, logp.grad![1, 2].item<float>());
    }

    [Fact]
    public void Entropy_is_reported_as_its_mean_over_completion_tokens()
    {
        using var scope = NewDisposeScope();
        var entropy = tensor(new[] { 0.5f, 1f, 1.5f, 2f, 9f, 9f }, [2, 3]);

        var result = GrpoLoss.Compute(zeros(2, 3), zeros(2, 3), null, zeros(2), RaggedMask(), null, new GrpoOptions { Beta = 0 }, entropy);

        Assert.Equal((0.5 + 1 + 1.5 + 2) / 4, result.Metrics.Entropy!.Value, 6);  // = 1.25
    }

    [Fact]
    public void Padding_log_probs_of_minus_infinity_do_not_poison_the_loss()
    {
        using var scope = NewDisposeScope();
        var logp = tensor(new[] { -1f, -1f, -1f, -1f, float.NegativeInfinity, float.NegativeInfinity }, [2, 3]).requires_grad_();

        var result = GrpoLoss.Compute(logp, logp.detach(), logp.detach(), tensor(new[] { -1f, -4f }), RaggedMask(), null, new GrpoOptions());
        result.Loss.backward();

        Assert.Equal(1.75, result.Loss.item<float>(), 5);
        Assert.False(logp.grad!.isnan().any().item<bool>());
    }

    [Fact]
    public void Mismatched_shapes_and_empty_masks_are_refused()
    {
        using var scope = NewDisposeScope();
        var options = new GrpoOptions { Beta = 0 };

        var shape = Assert.Throws<ArgumentException>(() => GrpoLoss.Compute(zeros(2, 3), zeros(2, 2), null, zeros(2), ones(2, 3), null, options));
        var perSample = Assert.Throws<ArgumentException>(() => GrpoLoss.Compute(zeros(2, 3), zeros(2, 3), null, zeros(2, 3), ones(2, 3), null, options));
        var empty = Assert.Throws<ArgumentException>(() => GrpoLoss.Compute(zeros(2, 3), zeros(2, 3), null, zeros(2), zeros(2, 3), null, options));

        Assert.Contains("oldLogProbs must be (2, 3)", shape.Message, StringComparison.Ordinal);
        Assert.Contains("advantages must be (2)", perSample.Message, StringComparison.Ordinal);
        Assert.Contains("no completion tokens", empty.Message, StringComparison.Ordinal);
    }
}
