using CoNRec.Model.Policy;
using CoNRec.Model.Tasks;
using static TorchSharp.torch;

namespace CoNRec.Model.Training;

/// <summary>Next-token cross-entropy on the answer tokens only, averaged over those tokens (token-mean).</summary>
public static class SftObjective
{
    /// <summary>The scalar loss of a right-padded batch; also returns how many answer tokens it averages.</summary>
    public static (Tensor Loss, long AnswerTokens) Loss(PolicyModel model, TokenBatch batch)
    {
        var device = model.Device;
        var ids = tensor(batch.InputIds, [batch.BatchSize, batch.Length], device: device);           // (B, T)
        var attention = tensor(batch.AttentionMask, [batch.BatchSize, batch.Length], device: device); // (B, T)
        var lossMask = tensor(batch.LossMask, [batch.BatchSize, batch.Length], device: device);       // (B, T)
        var logits = model.forward(ids, positions: null, cache: null, attentionMask: attention);       // (B, T, V)

        // The logits at t predict token t + 1.
        var shifted = batch.Length - 1;
        var predicted = logits.narrow(1, 0, shifted).to(ScalarType.Float32);                            // (B, T-1, V)
        var targets = ids.narrow(1, 1, shifted);                                                        // (B, T-1)
        var mask = lossMask.narrow(1, 1, shifted).to(ScalarType.Float32);                               // (B, T-1)
        var tokenLoss = nn.functional.cross_entropy(
            predicted.reshape(-1, predicted.shape[2]), targets.reshape(-1), reduction: nn.Reduction.None); // (B*(T-1))
        var count = mask.sum();
        var answerTokens = count.item<float>();
        if (answerTokens == 0) throw new ArgumentException("the batch has no answer tokens to learn", nameof(batch));
        return ((tokenLoss * mask.reshape(-1)).sum() / count, (long)answerTokens);
    }
}
