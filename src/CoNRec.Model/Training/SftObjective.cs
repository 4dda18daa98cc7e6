using CoNRec.Model.Policy;
using CoNRec.Model.Tasks;
using static TorchSharp.torch;

namespace CoNRec.Model.Training;

/// <summary>Next-token cross-entropy on the answer tokens only, averaged over those tokens (token-mean).</summary>
public static class SftObjective
{
    /// <summary>
    /// The scalar loss of a padded batch; also returns how many answer tokens it averages. The rows are moved to the
    /// right edge first (positions come from the attention mask, so the model sees the same sequences), which puts
    /// every answer in the last columns: only those get logits, (B, K, V) with K the longest answer + 1 instead of
    /// (B, T, V). With 5-token answers after 64-200-token prompts (the Small policy, batch 32) a step takes about a
    /// quarter less time and 300 MiB less peak memory (TrainingBenchmark).
    /// </summary>
    public static (Tensor Loss, long AnswerTokens) Loss(PolicyModel model, TokenBatch batch)
    {
        var (rows, length) = (batch.BatchSize, batch.Length);
        var (idsRight, attentionRight, lossRight, keep, answerTokens) = RightAligned(batch);
        if (answerTokens == 0) throw new ArgumentException("the batch has no answer tokens to learn", nameof(batch));
        var device = model.Device;
        var ids = tensor(idsRight, [rows, length], device: device);                                     // (B, T)
        var attention = tensor(attentionRight, [rows, length], device: device);                         // (B, T)
        var lossMask = tensor(lossRight, [rows, length], device: device);                               // (B, T)
        var logits = model.forward(ids, positions: null, cache: null, attentionMask: attention, logitsToKeep: keep); // (B, K, V)

        // The logits of column T - K + k predict the token of column T - K + k + 1.
        var predicted = logits.narrow(1, 0, keep - 1).to(ScalarType.Float32);                          // (B, K-1, V)
        var targets = ids.narrow(1, length - keep + 1, keep - 1);                                       // (B, K-1)
        var mask = lossMask.narrow(1, length - keep + 1, keep - 1).to(ScalarType.Float32);              // (B, K-1)
        var tokenLoss = nn.functional.cross_entropy(
            predicted.reshape(-1, predicted.shape[2]), targets.reshape(-1), reduction: nn.Reduction.None); // (B*(K-1))
        return ((tokenLoss * mask.reshape(-1)).sum() / answerTokens, answerTokens);
    }

    /// <summary>
    /// Each row's real tokens, in order, against the right edge (padding on the left, reading token 0), and K: the
    /// fewest last columns whose logits predict every loss token (from the column before a row's first loss token
    /// through T - 1). A row's first real token has nothing before it to predict it from and is no target.
    /// </summary>
    static (long[] Ids, bool[] Attention, bool[] Loss, int Keep, long AnswerTokens) RightAligned(TokenBatch batch)
    {
        var length = batch.Length;
        var ids = new long[batch.InputIds.Length];
        var attention = new bool[ids.Length];
        var loss = new bool[ids.Length];
        var keep = 1;
        long answers = 0;
        for (var b = 0; b < batch.BatchSize; b++)
        {
            var row = b * length;
            var real = 0;
            for (var t = row; t < row + length; t++)
                if (batch.AttentionMask[t]) real++;
            var to = row + length - real;
            for (var from = row; from < row + length; from++)
            {
                if (!batch.AttentionMask[from]) continue;
                ids[to] = batch.InputIds[from];
                attention[to] = true;
                loss[to] = batch.LossMask[from] && to > row + length - real;
                if (loss[to])
                {
                    answers++;
                    keep = Math.Max(keep, row + length - to + 1);
                }
                to++;
            }
        }
        return (ids, attention, loss, keep, answers);
    }
}
