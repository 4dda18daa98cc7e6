using CoNRec.Core.Grpo;
using static TorchSharp.torch;

namespace CoNRec.Model.Grpo;

public sealed partial class LearnerPhase
{
    /// <summary>
    /// One data-parallel learner's share of a step (whole groups), prepared as <see cref="Learn"/> prepares the whole
    /// batch: group advantages, the reference's log-probabilities, the tensors. The caller drives the updates: per
    /// optimizer step a <see cref="LearnerShare.Backward"/> of its rows, an exchange of gradients, then
    /// <see cref="GrpoUpdate.ClipAndStep"/> on the sum. Advantages are per group, so a share's equal the whole batch's.
    /// </summary>
    /// <inheritdoc cref="Learn" path="/param"/>
    public LearnerShare Share(IReadOnlyList<int[]> prompts, RolloutBatch batch, float[] rewards, float[]? weights, GrpoOptions options)
    {
        using var scope = NewDisposeScope();
        var (grpoBatch, forward, _) = Prepare(prompts, batch, rewards, weights, options);
        // The share outlives this call: its tensors leave the scope, and the share disposes them.
        var owned = new GrpoBatch(grpoBatch.OldLogProbs.MoveToOuterDisposeScope(), grpoBatch.RefLogProbs?.MoveToOuterDisposeScope(),
            grpoBatch.Advantages.MoveToOuterDisposeScope(), grpoBatch.Mask.MoveToOuterDisposeScope(), grpoBatch.SampleWeights?.MoveToOuterDisposeScope());
        return new LearnerShare(this, forward, owned, options, Policy.training);
    }
}

/// <summary>
/// A learner's prepared share of one step (<see cref="LearnerPhase.Share"/>). Owns its tensors; Dispose frees them
/// and puts the policy back in the mode it was in. One thread: the one that owns the models.
/// </summary>
public sealed class LearnerShare : IDisposable
{
    readonly LearnerPhase _phase;
    readonly MinibatchForward _forward;
    readonly GrpoBatch _batch;
    readonly GrpoOptions _options;
    readonly bool _wasTraining;

    internal LearnerShare(LearnerPhase phase, MinibatchForward forward, GrpoBatch batch, GrpoOptions options, bool wasTraining) =>
        (_phase, _forward, _batch, _options, _wasTraining) = (phase, forward, batch, options, wasTraining);

    public int Rows => _batch.Rows;

    /// <summary>
    /// Adds to each trainable parameter's gradient that of <paramref name="scale"/> times the GRPO loss of the given rows
    /// of this share (the optimizer's gradients are not zeroed here). With scale = the rows' share of the whole
    /// minibatch's loss denominator, the sum over learners is the whole minibatch's gradient. Returns the scaled loss
    /// and the rows' own (unscaled) metrics.
    /// </summary>
    public ShareLoss Backward(int[] rows, double scale)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Length == 0) throw new ArgumentException("a share's backward needs at least one row", nameof(rows));
        if (rows.Any(r => r < 0 || r >= Rows)) throw new ArgumentOutOfRangeException(nameof(rows), $"rows must be in [0, {Rows})");
        if (!(scale > 0) || double.IsInfinity(scale)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "the scale must be a finite number > 0");
        using var scope = NewDisposeScope();
        var index = tensor(Array.ConvertAll(rows, r => (long)r), device: _batch.Mask.device);
        var current = _forward(rows);
        var result = GrpoLoss.Compute(current.LogProbs,
            _batch.OldLogProbs.index_select(0, index), _batch.RefLogProbs?.index_select(0, index),
            _batch.Advantages.index_select(0, index), _batch.Mask.index_select(0, index),
            _batch.SampleWeights?.index_select(0, index), _options, current.Entropy);
        var loss = result.Loss * scale;
        loss.backward();
        return new ShareLoss(loss.item<float>(), result.Metrics);
    }

    public void Dispose()
    {
        _batch.OldLogProbs.Dispose();
        _batch.RefLogProbs?.Dispose();
        _batch.Advantages.Dispose();
        _batch.Mask.Dispose();
        _batch.SampleWeights?.Dispose();
        _phase.Policy.train(_wasTraining);
    }
}

/// <summary>A share's scaled loss (the shares' sum is the minibatch's loss) and the metrics of its rows alone.</summary>
public sealed record ShareLoss(double ScaledLoss, GrpoLossMetrics Metrics);
