using CoNRec.Core.Grpo;
using static TorchSharp.torch;

namespace CoNRec.Model.Grpo;

/// <summary>
/// The GRPO objective (DeepSeekMath), per completion token t of sample i with advantage A_i:
/// <code>
/// ratio = exp(logp - logp_old)
/// pg    = -min(ratio * A, clip(ratio, 1 - low, 1 + high) * A)      (PPO; clipped = zero gradient)
/// kl    = exp(ref - logp) - (ref - logp) - 1                        (k3: unbiased, >= 0, 0 when equal)
/// loss  = aggregate(w_i * (pg + beta * kl), mask)
/// </code>
/// A pure function: options in, tensors in, loss out. Log-ratios are computed only at completion tokens (padding
/// log-probs may be -inf) and clamped to [-20, 20] before exp, as verl does, so one wild token cannot overflow.
/// Sample weights multiply the numerator only (a weight-2 sample counts as that sample twice, not as a reweighted mean).
/// </summary>
public static class GrpoLoss
{
    const double MaxLogRatio = 20;

    /// <param name="logProbs">(B, T) current policy, differentiable.</param>
    /// <param name="oldLogProbs">(B, T) the sampling policy's (treated as constants).</param>
    /// <param name="refLogProbs">(B, T) the frozen reference's; null only when beta is 0.</param>
    /// <param name="advantages">(B) one advantage per sample, shared by its tokens.</param>
    /// <param name="mask">(B, T) nonzero at completion tokens.</param>
    /// <param name="sampleWeights">(B) per-sample multipliers, or null for all 1.</param>
    /// <param name="entropy">(B, T) per-token policy entropy for the metric, or null.</param>
    public static GrpoLossResult Compute(Tensor logProbs, Tensor oldLogProbs, Tensor? refLogProbs, Tensor advantages, Tensor mask,
        Tensor? sampleWeights, GrpoOptions options, Tensor? entropy = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        CheckShapes(logProbs, oldLogProbs, refLogProbs, advantages, mask, sampleWeights, entropy);
        if (refLogProbs is null && options.Beta != 0)
            throw new ArgumentException($"grpo.beta is {options.Beta}: the KL term needs the reference model's log-probs", nameof(refLogProbs));

        using var scope = NewDisposeScope();
        var on = mask.ne(0);                                                                        // (B, T) bool
        var m = on.to(ScalarType.Float32);                                                          // (B, T)
        if (m.sum().item<float>() == 0) throw new ArgumentException("the mask has no completion tokens", nameof(mask));
        var logp = logProbs.to(ScalarType.Float32);
        var logRatio = LogDifference(logp, oldLogProbs.detach().to(ScalarType.Float32), on);       // (B, T)
        var a = advantages.detach().to(ScalarType.Float32).unsqueeze(1);                            // (B, 1)
        var pg = PolicyTerm(logRatio, a, options.ClipLow, options.ClipHigh);                        // (B, T)
        var kl = refLogProbs is null ? null : K3(LogDifference(refLogProbs.detach().to(ScalarType.Float32), logp, on)); // (B, T)
        var w = sampleWeights?.detach().to(ScalarType.Float32).unsqueeze(1);                        // (B, 1)

        var perToken = kl is null || options.Beta == 0 ? pg : pg + options.Beta * kl;
        var loss = Aggregate(w is null ? perToken : perToken * w, m, options.LossAggregation);

        GrpoLossMetrics metrics;
        using (no_grad())
        {
            var ratio = logRatio.detach().exp();
            var clipped = a.gt(0).logical_and(ratio.gt(1 + options.ClipHigh))
                .logical_or(a.lt(0).logical_and(ratio.lt(1 - options.ClipLow)));                   // (B, T) bool
            metrics = new GrpoLossMetrics(
                PgLoss: Aggregate(w is null ? pg.detach() : pg.detach() * w, m, options.LossAggregation).item<float>(),
                Kl: kl is null ? double.NaN : MaskedMean(kl.detach(), m),
                ClipFrac: MaskedMean(clipped.to(ScalarType.Float32), m),
                RatioMean: MaskedMean(ratio, m),
                RatioMax: ratio.masked_fill(on.logical_not(), double.NegativeInfinity).max().item<float>(),
                Entropy: entropy is null ? null : MaskedMean(entropy.detach().to(ScalarType.Float32), m));
        }
        return new GrpoLossResult(loss.MoveToOuterDisposeScope(), metrics);
    }

    /// <summary>The aggregation registry: (B, T) per-token losses and mask -> scalar.</summary>
    public static Tensor Aggregate(Tensor perToken, Tensor mask, LossAggregation mode) => mode switch
    {
        LossAggregation.TokenMean => TokenMean(perToken, mask),
        LossAggregation.SeqMeanTokenMean => SeqMeanTokenMean(perToken, mask),
        LossAggregation.DrGrpo => DrGrpo(perToken, mask),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown loss aggregation"),
    };

    /// <summary>-min(ratio * A, clip(ratio, 1 - low, 1 + high) * A), as max of the negated branches. (B, T)</summary>
    public static Tensor PolicyTerm(Tensor logRatio, Tensor advantages, double clipLow, double clipHigh)
    {
        var ratio = logRatio.exp();
        var unclipped = -advantages * ratio;
        var clipped = -advantages * ratio.clamp(1 - clipLow, 1 + clipHigh);
        return maximum(unclipped, clipped);
    }

    /// <summary>k3 = exp(d) - d - 1 with d = ref - logp: Schulman's low-variance KL(pi_theta || pi_ref) estimator. (B, T)</summary>
    public static Tensor K3(Tensor refMinusLogp) => refMinusLogp.exp() - refMinusLogp - 1;

    static Tensor LogDifference(Tensor a, Tensor b, Tensor on) =>
        (a - b).masked_fill(on.logical_not(), 0).clamp(-MaxLogRatio, MaxLogRatio);

    static Tensor TokenMean(Tensor x, Tensor m) => (x * m).sum() / m.sum();

    static Tensor SeqMeanTokenMean(Tensor x, Tensor m)
    {
        var tokens = m.sum(1);                                                                      // (B)
        var perSequence = (x * m).sum(1) / tokens.clamp_min(1);                                     // (B)
        return perSequence.sum() / tokens.gt(0).sum().to(ScalarType.Float32);
    }

    static Tensor DrGrpo(Tensor x, Tensor m) => (x * m).sum() / (m.shape[0] * m.shape[1]);

    static double MaskedMean(Tensor x, Tensor m) => ((x * m).sum() / m.sum()).item<float>();

    static void CheckShapes(Tensor logProbs, Tensor oldLogProbs, Tensor? refLogProbs, Tensor advantages, Tensor mask, Tensor? sampleWeights, Tensor? entropy)
    {
        ArgumentNullException.ThrowIfNull(logProbs);
        ArgumentNullException.ThrowIfNull(oldLogProbs);
        ArgumentNullException.ThrowIfNull(advantages);
        ArgumentNullException.ThrowIfNull(mask);
        if (logProbs.dim() != 2) throw new ArgumentException($"logProbs must be (B, T) (got [{string.Join(", ", logProbs.shape)}])", nameof(logProbs));
        var (b, t) = (logProbs.shape[0], logProbs.shape[1]);
        SameShape(oldLogProbs, nameof(oldLogProbs), b, t);
        if (refLogProbs is not null) SameShape(refLogProbs, nameof(refLogProbs), b, t);
        SameShape(mask, nameof(mask), b, t);
        if (entropy is not null) SameShape(entropy, nameof(entropy), b, t);
        PerSample(advantages, nameof(advantages), b);
        if (sampleWeights is not null) PerSample(sampleWeights, nameof(sampleWeights), b);
    }

    static void SameShape(Tensor x, string name, long b, long t)
    {
        if (x.dim() != 2 || x.shape[0] != b || x.shape[1] != t)
            throw new ArgumentException($"{name} must be ({b}, {t}) like logProbs (got [{string.Join(", ", x.shape)}])", name);
    }

    static void PerSample(Tensor x, string name, long b)
    {
        if (x.dim() != 1 || x.shape[0] != b)
            throw new ArgumentException($"{name} must be ({b}), one value per sample (got [{string.Join(", ", x.shape)}])", name);
    }
}
