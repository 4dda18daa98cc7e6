using CoNRec.Model.Policy;
using static TorchSharp.torch;

namespace CoNRec.Model.Generation;

/// <summary>Prompt batches for generation: left padding (so every row's last slot is its last real token) and encoding.</summary>
public static class Prompts
{
    /// <summary>Left-pads token-id prompts into Ids (B, T) int64 and Mask (B, T) int64 (1 at real tokens), on the CPU.</summary>
    public static (Tensor Ids, Tensor Mask) LeftPad(IReadOnlyList<int[]> prompts, int padTokenId = 0)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        if (prompts.Count == 0) throw new ArgumentException("no prompts", nameof(prompts));
        var width = 0;
        for (var b = 0; b < prompts.Count; b++)
        {
            if (prompts[b] is not { Length: > 0 }) throw new ArgumentException($"prompt {b} is empty", nameof(prompts));
            width = Math.Max(width, prompts[b].Length);
        }
        var ids = new long[prompts.Count * width];
        var mask = new long[prompts.Count * width];
        for (var b = 0; b < prompts.Count; b++)
        {
            var start = b * width + width - prompts[b].Length;
            Array.Fill(ids, padTokenId, b * width, width - prompts[b].Length);
            for (var t = 0; t < prompts[b].Length; t++)
            {
                ids[start + t] = prompts[b][t];
                mask[start + t] = 1;
            }
        }
        long[] shape = [prompts.Count, width];
        return (tensor(ids, shape), tensor(mask, shape));
    }

    /// <summary>
    /// Runs the prompts once through the model into a fresh cache. <paramref name="ids"/> is (T) for one prompt
    /// or a left-padded (B, T) batch with <paramref name="mask"/> (B, T) (null: no padding).
    /// </summary>
    /// <returns>The cache (B rows, owned by the caller) and the logits after each prompt, (B, V).</returns>
    internal static (KvCache Cache, Tensor LastLogits) Encode(PolicyModel model, Tensor ids, Tensor? mask, SidTrie trie)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(trie);
        if (trie.MaxTokenId >= model.Config.VocabSize)
            throw new ArgumentException($"the SID trie uses token id {trie.MaxTokenId}, beyond the model's vocab_size {model.Config.VocabSize}", nameof(trie));
        var batch = ids.dim() == 1 ? ids.unsqueeze(0) : ids;
        if (batch.dim() != 2 || batch.shape[1] == 0) throw new ArgumentException($"prompt ids must be (T) or (B, T) with T > 0 (got [{string.Join(", ", ids.shape)}])", nameof(ids));
        var batchMask = mask is null ? null : mask.dim() == 1 ? mask.unsqueeze(0) : mask;
        if (batchMask is not null)
        {
            if (!batchMask.shape.SequenceEqual(batch.shape))
                throw new ArgumentException($"the attention mask [{string.Join(", ", mask!.shape)}] does not match the prompt ids [{string.Join(", ", ids.shape)}]", nameof(mask));
            if (!batchMask.select(1, -1).ne(0).all().item<bool>())
                throw new ArgumentException("prompts must be left-padded: every row's last slot must be a real token", nameof(mask));
        }
        var cache = new KvCache(model.Config.NumHiddenLayers);
        try
        {
            var logits = model.forward(batch, positions: null, cache, batchMask, logitsToKeep: 1);        // (B, 1, V)
            return (cache, logits.select(1, 0));
        }
        catch
        {
            cache.Dispose();
            throw;
        }
    }
}
