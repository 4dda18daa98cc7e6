using CoNRec.Model.Policy;
using static TorchSharp.torch;

namespace CoNRec.Model.Generation;

/// <summary>
/// GRPO rollouts: G constrained samples per prompt. Each prompt is encoded ONCE; its cache is repeated G times
/// (<see cref="KvCache.RepeatInterleave"/>) and the B x G rows then advance one token per step together, so a
/// batch of left-padded prompts costs one prompt pass plus Depth - 1 single-token steps. The returned
/// log-probabilities are the sampling policy's at the sampling temperature, the "old policy" term of the GRPO
/// ratio; the learner's current-policy term must come from <see cref="SidConstraint.SequenceLogProbs"/> at the
/// same temperature over the same trie.
/// </summary>
public static class GroupSampler
{
    /// <summary>Samples from left-padded prompts (B, T) with <paramref name="attentionMask"/>, or one prompt (T).</summary>
    /// <param name="temperature">> 0; the distribution is softmax(logits / T) over the allowed tokens.</param>
    /// <param name="generator">The only source of randomness: the same generator state gives the same samples.
    /// It must live on the model's device.</param>
    public static GroupSamples Sample(
        PolicyModel model, Tensor promptIds, Tensor? attentionMask, SidTrie trie, int groupSize, double temperature, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groupSize);
        SidConstraint.CheckTemperature(temperature);
        using var mode = new InferenceMode(model);
        var (promptCache, promptLogits) = Prompts.Encode(model, promptIds, attentionMask, trie);
        KvCache cache;
        using (promptCache) cache = promptCache.RepeatInterleave(groupSize);
        using var _ = cache;
        var prompts = (int)promptLogits.shape[0];
        var rows = prompts * groupSize;
        var depth = trie.Depth;
        var result = new GroupSamples(prompts, groupSize, depth, temperature,
            new int[rows * depth], new float[rows * depth], new float[rows * depth], new int[rows]);
        var nodes = new int[rows];
        var logits = promptLogits;                                                  // (B, V), then (B*G, V)
        for (var level = 0; level < depth; level++)
        {
            using var step = NewDisposeScope();
            // The first token's distribution is the prompt's: computed on B rows, then repeated.
            var (scaled, plain) = level == 0
                ? Distributions(logits, new int[prompts], trie, temperature, groupSize)
                : Distributions(logits, nodes, trie, temperature, 1);              // (R, M) each
            var pick = scaled.exp().multinomial(1, replacement: false, generator: generator);           // (R, 1)
            var chosenLogProbs = cat([scaled.gather(1, pick), plain.gather(1, pick)], 1).cpu();          // (R, 2)
            var picks = pick.cpu().data<long>().ToArray();
            var values = chosenLogProbs.data<float>().ToArray();
            var next = new long[rows];
            for (var r = 0; r < rows; r++)
            {
                var j = (int)picks[r];
                var token = trie.ChildTokens(nodes[r])[j];
                nodes[r] = trie.FirstChild(nodes[r]) + j;
                next[r] = token;
                result.Tokens[r * depth + level] = token;
                result.LogProbs[r * depth + level] = values[2 * r];
                result.LogProbsAtOne[r * depth + level] = values[2 * r + 1];
            }
            if (level + 1 < depth)
            {
                var input = tensor(next, [rows, 1], device: model.Device);
                var previous = logits;
                logits = model.forward(input, positions: null, cache, logitsToKeep: 1).select(1, 0).MoveToOuterDisposeScope();
                previous.Dispose();                                                 // (R, V) can be large: free it now
            }
        }
        for (var r = 0; r < rows; r++) result.Items[r] = trie.ItemAt(nodes[r]);
        return result;
    }

    /// <summary>Left-pads the prompts and samples with a generator seeded by <paramref name="seed"/>.</summary>
    public static GroupSamples Sample(
        PolicyModel model, IReadOnlyList<int[]> prompts, SidTrie trie, int groupSize, double temperature, long seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var generator = new Generator((ulong)seed, model.Device);
        var (ids, mask) = Prompts.LeftPad(prompts);
        using (ids)
        using (mask)
            return Sample(model, ids, mask, trie, groupSize, temperature, generator);
    }

    // (rows, V) logits -> (rows * repeat, M) log-probabilities at the temperature and at 1.
    static (Tensor Scaled, Tensor Plain) Distributions(Tensor logits, int[] nodes, SidTrie trie, double temperature, int repeat)
    {
        var (allowed, valid) = SidConstraint.Allowed(trie, nodes, logits.device);
        var scaled = SidConstraint.LogProbs(logits, allowed, valid, temperature);
        var plain = temperature == 1.0 ? scaled : SidConstraint.LogProbs(logits, allowed, valid);
        return repeat == 1 ? (scaled, plain) : (scaled.repeat_interleave(repeat, 0), plain.repeat_interleave(repeat, 0));
    }
}
