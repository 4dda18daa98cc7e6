using static TorchSharp.torch;

namespace CoNRec.Model.Grpo;

/// <summary>
/// One sampled batch for the learner: N = groups x G rows, T completion positions (a SID's depth). Everything
/// but the current policy's log-probs, which <see cref="GrpoUpdate"/> recomputes per minibatch. The caller owns
/// the tensors.
/// </summary>
/// <param name="OldLogProbs">(N, T) the sampling policy's log-probs.</param>
/// <param name="RefLogProbs">(N, T) the frozen reference's log-probs, or null when beta is 0.</param>
/// <param name="Advantages">(N) group-relative advantages.</param>
/// <param name="Mask">(N, T) nonzero at completion tokens.</param>
/// <param name="SampleWeights">(N) cross-stage up-weighting, or null for all 1.</param>
public sealed record GrpoBatch(Tensor OldLogProbs, Tensor? RefLogProbs, Tensor Advantages, Tensor Mask, Tensor? SampleWeights = null)
{
    public int Rows => (int)Mask.shape[0];
}

/// <summary>The current policy's output for some rows of a <see cref="GrpoBatch"/>.</summary>
/// <param name="LogProbs">(b, T) differentiable log-probs of the sampled tokens, at the sampling temperature.</param>
/// <param name="Entropy">(b, T) per-token entropy for monitoring, or null.</param>
public sealed record PolicyLogProbs(Tensor LogProbs, Tensor? Entropy = null);

/// <summary>Runs the policy on the given batch rows (in that order), in training mode, with gradients on.</summary>
public delegate PolicyLogProbs MinibatchForward(int[] rows);

/// <summary>Averages over the optimizer updates of one <see cref="GrpoUpdate.Run"/> (RatioMax: the largest).</summary>
/// <param name="SkippedUpdates">Updates whose gradient norm was not finite: the step was not taken.</param>
public sealed record GrpoUpdateMetrics(
    int Updates, int SkippedUpdates, double Loss, double PgLoss, double Kl, double ClipFrac,
    double RatioMean, double RatioMax, double? Entropy, double GradNorm);
