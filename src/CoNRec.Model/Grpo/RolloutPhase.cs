using CoNRec.Model.Generation;
using CoNRec.Model.Policy;

namespace CoNRec.Model.Grpo;

/// <summary>
/// GRPO's first phase: the current policy samples G constrained SIDs per prompt (eval mode, inference mode) and
/// records their log-probabilities at the sampling temperature. Runs on the thread that owns the model.
/// </summary>
public static class RolloutPhase
{
    /// <param name="prompts">Token-id prompts (each ends with &lt;answer&gt;); left-padded together.</param>
    /// <param name="seed">Seeds the sampling generator: the same weights, prompts and seed give the same batch.</param>
    public static RolloutBatch Generate(PolicyModel policy, SidTrie trie, IReadOnlyList<int[]> prompts, int groupSize, double temperature, long seed)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(trie);
        ArgumentNullException.ThrowIfNull(prompts);
        return RolloutBatch.From(GroupSampler.Sample(policy, prompts, trie, groupSize, temperature, seed));
    }
}
