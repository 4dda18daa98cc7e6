using static TorchSharp.torch;

namespace CoNRec.Model.Generation;

/// <summary>
/// The constrained next-token distribution every generation path shares: at a trie node the policy's logits
/// are kept only at the node's allowed tokens (every other token has probability 0, logit -inf) and the
/// softmax is RENORMALISED over the allowed ones, log p(t | node) = z_t / T - logsumexp_{a allowed}(z_a / T).
/// Beam search, candidate scoring and sampling all use this distribution, and a GRPO learner must compute
/// its current-policy log-probabilities with <see cref="SequenceLogProbs"/> (same temperature) so that the
/// ratio compares like with like. Rather than masking all V logits, the allowed ones are gathered into a
/// padded (R, M) table, M = the widest node among the rows; column j is the node's j-th child in the trie.
/// </summary>
public static class SidConstraint
{
    /// <summary>Padded table of the allowed tokens of each row's node.</summary>
    /// <returns>Tokens (R, M) int64 (padding repeats a valid token) and Valid (R, M) bool, on <paramref name="device"/>.</returns>
    public static (Tensor Tokens, Tensor Valid) Allowed(SidTrie trie, ReadOnlySpan<int> nodes, Device device)
    {
        ArgumentNullException.ThrowIfNull(trie);
        var width = 1;
        foreach (var node in nodes)
        {
            if (trie.ChildCount(node) == 0) throw new ArgumentException($"trie node {node} is a leaf: no token may follow a complete SID", nameof(nodes));
            width = Math.Max(width, trie.ChildCount(node));
        }
        var tokens = new long[nodes.Length * width];
        var valid = new bool[nodes.Length * width];
        for (var r = 0; r < nodes.Length; r++)
        {
            var children = trie.ChildTokens(nodes[r]);
            for (var j = 0; j < width; j++)
            {
                tokens[r * width + j] = children[Math.Min(j, children.Length - 1)];
                valid[r * width + j] = j < children.Length;
            }
        }
        long[] shape = [nodes.Length, width];
        return (tensor(tokens, shape, device: device), tensor(valid, shape, device: device));
    }

    /// <summary>Log-probabilities over the allowed tokens: (R, V) logits -> (R, M) float32, -inf at padding.</summary>
    public static Tensor LogProbs(Tensor logits, Tensor allowedTokens, Tensor valid, double temperature = 1.0)
    {
        CheckTemperature(temperature);
        using var scope = NewDisposeScope();
        var picked = logits.gather(1, allowedTokens).to(ScalarType.Float32);                        // (R, M)
        if (temperature != 1.0) picked = picked / temperature;
        var masked = picked.masked_fill(valid.logical_not(), double.NegativeInfinity);
        return masked.log_softmax(1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Log-probability of each token of complete SIDs under the constrained distribution (differentiable in
    /// the logits): the logits that predicted each SID token, (N, D, V), and the items -> (N, D) float32.
    /// </summary>
    public static Tensor SequenceLogProbs(Tensor logits, SidTrie trie, ReadOnlySpan<int> items, double temperature = 1.0)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(trie);
        var (rows, depth) = (items.Length, trie.Depth);
        if (logits.dim() != 3 || logits.shape[0] != rows || logits.shape[1] != depth)
            throw new ArgumentException($"logits must be ({rows}, {depth}, V) for {rows} items of {depth} tokens (got [{string.Join(", ", logits.shape)}])", nameof(logits));
        using var scope = NewDisposeScope();
        var nodes = new int[rows * depth];
        var chosen = new long[rows * depth];
        for (var n = 0; n < rows; n++)
        {
            var path = nodes.AsSpan(n * depth, depth);
            trie.PathNodes(items[n], path);
            var tokens = trie.Sequence(items[n]);
            for (var l = 0; l < depth; l++) chosen[n * depth + l] = trie.Child(path[l], tokens[l]) - trie.FirstChild(path[l]);
        }
        var (allowed, valid) = Allowed(trie, nodes, logits.device);
        var flat = LogProbs(logits.reshape(rows * depth, logits.shape[2]), allowed, valid, temperature);     // (N*D, M)
        var column = tensor(chosen, [rows * depth, 1], device: logits.device);
        return flat.gather(1, column).view(rows, depth).MoveToOuterDisposeScope();
    }

    internal static void CheckTemperature(double temperature)
    {
        if (!(temperature > 0) || double.IsInfinity(temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "temperature must be a finite number > 0");
    }
}
