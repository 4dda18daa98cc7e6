using CoNRec.Model.Generation;
using CoNRec.Model.Policy;
using static TorchSharp.torch;

namespace CoNRec.Model.Grpo;

/// <summary>
/// The learner's view of a rollout batch: row r is its prompt followed by the first Depth - 1 tokens of its
/// sampled SID, left-padded, so the last Depth logits of each row predict the SID's Depth tokens. Log-probabilities
/// come from <see cref="SidConstraint.SequenceLogProbs"/> at the sampling temperature, the same constrained,
/// renormalised distribution the sampler drew from, so the GRPO ratio compares like with like.
/// </summary>
internal sealed class TeacherForcing
{
    readonly int[][] _sequences;   // per row: prompt + SID tokens but the last
    readonly int[] _items;

    public TeacherForcing(IReadOnlyList<int[]> prompts, RolloutBatch batch, int padTokenId)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        batch.Validate();
        if (prompts.Count != batch.Prompts) throw new ArgumentException($"{prompts.Count} prompts for a rollout batch of {batch.Prompts}", nameof(prompts));
        (Depth, PadTokenId, _items) = (batch.Depth, padTokenId, batch.Items);
        _sequences = new int[batch.Rows][];
        for (var r = 0; r < batch.Rows; r++)
        {
            var prompt = prompts[r / batch.GroupSize];
            if (prompt is not { Length: > 0 }) throw new ArgumentException($"prompt {r / batch.GroupSize} is empty", nameof(prompts));
            _sequences[r] = [.. prompt, .. batch.TokensOf(r)[..(Depth - 1)]];
        }
    }

    public int Depth { get; }
    public int PadTokenId { get; }
    public int Rows => _sequences.Length;

    /// <summary>Prompt plus completion tokens of every row (what a forward over the full sequences reads).</summary>
    public long SequenceTokens => _sequences.Sum(s => (long)s.Length + 1);

    public int[] ItemsOf(int[] rows) => Array.ConvertAll(rows, r => _items[r]);

    /// <summary>(b, Depth, V) logits predicting the SID tokens of the given rows; differentiable unless the caller disabled grad.</summary>
    public Tensor Logits(PolicyModel model, int[] rows)
    {
        using var scope = NewDisposeScope();
        var width = 0;
        foreach (var r in rows) width = Math.Max(width, _sequences[r].Length);
        var ids = new long[rows.Length * width];
        var mask = new long[rows.Length * width];
        for (var b = 0; b < rows.Length; b++)
        {
            var sequence = _sequences[rows[b]];
            var start = b * width + width - sequence.Length;
            Array.Fill(ids, PadTokenId, b * width, width - sequence.Length);
            for (var t = 0; t < sequence.Length; t++)
            {
                ids[start + t] = sequence[t];
                mask[start + t] = 1;
            }
        }
        long[] shape = [rows.Length, width];
        var logits = model.forward(tensor(ids, shape, device: model.Device), positions: null, cache: null,
            attentionMask: tensor(mask, shape, device: model.Device), logitsToKeep: Depth);          // (b, D, V)
        return logits.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Entropy of the constrained distribution at each SID position: over the tokens the trie allows after the
    /// sampled prefix, at the temperature. (b, D, V) logits -> (b, D) float32, no gradient.
    /// </summary>
    public static Tensor Entropy(Tensor logits, SidTrie trie, ReadOnlySpan<int> items, double temperature)
    {
        var (rows, depth) = (items.Length, trie.Depth);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var nodes = new int[rows * depth];
        for (var n = 0; n < rows; n++) trie.PathNodes(items[n], nodes.AsSpan(n * depth, depth));
        var (allowed, valid) = SidConstraint.Allowed(trie, nodes, logits.device);
        var logp = SidConstraint.LogProbs(logits.detach().reshape(rows * depth, logits.shape[2]), allowed, valid, temperature); // (N*D, M)
        var plogp = (logp.exp() * logp).masked_fill(valid.logical_not(), 0);                      // padding: 0 * -inf
        return (-plogp.sum(1)).view(rows, depth).MoveToOuterDisposeScope();
    }
}
