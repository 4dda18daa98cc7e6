using System.Globalization;
using CoNRec.Core.Grpo;
using CoNRec.Model.Generation;
using CoNRec.Model.Policy;
using CoNRec.Model.Training;
using static TorchSharp.torch;

namespace CoNRec.Model.Grpo;

/// <summary>
/// GRPO's third phase: group advantages from the rewards, the frozen reference's log-probabilities (one pass in
/// inference mode, skipped when beta is 0), then <see cref="GrpoUpdate.Run"/>'s mu epochs x minibatches, each
/// recomputing the current policy's log-probabilities by teacher forcing prompt + sampled SID through the policy
/// (training mode) at the sampling temperature. Holds the policy, the reference and the optimizer; owns none of
/// them. One thread: the one that owns the models.
/// </summary>
public sealed partial class LearnerPhase
{
    readonly int _referenceRows;

    /// <param name="reference">The warm-up model, a separate instance; frozen here (<see cref="ReferencePolicy.Freeze"/>).</param>
    /// <param name="optimizer">AdamW over the policy's trainable parameters (all of them, or LoRA adapters).</param>
    /// <param name="padTokenId">Fills the left padding of teacher-forced rows (masked out).</param>
    /// <param name="referenceRows">Rows per reference forward pass (bounds its (rows, Depth, V) logits).</param>
    public LearnerPhase(PolicyModel policy, PolicyModel reference, SidTrie trie, AdamW optimizer, int padTokenId = 0, int referenceRows = 64)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(trie);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentOutOfRangeException.ThrowIfLessThan(referenceRows, 1);
        if (ReferenceEquals(policy, reference))
            throw new ArgumentException("the reference must be a separate model: the policy's own weights move with every step", nameof(reference));
        if (reference.Config.VocabSize != policy.Config.VocabSize)
            throw new ArgumentException($"the reference's vocab_size {reference.Config.VocabSize} differs from the policy's {policy.Config.VocabSize}", nameof(reference));
        if (trie.MaxTokenId >= policy.Config.VocabSize)
            throw new ArgumentException($"the SID trie uses token id {trie.MaxTokenId}, beyond the policy's vocab_size {policy.Config.VocabSize}", nameof(trie));
        var referenceHandles = reference.parameters().Select(p => p.Handle).ToHashSet();
        if (optimizer.Parameters.Any(p => referenceHandles.Contains(p.Parameter.Handle)))
            throw new ArgumentException("the optimizer updates a parameter of the reference model", nameof(optimizer));
        (Policy, Reference, Trie, Optimizer, PadTokenId, _referenceRows) = (policy, ReferencePolicy.Freeze(reference), trie, optimizer, padTokenId, referenceRows);
    }

    public PolicyModel Policy { get; }
    public PolicyModel Reference { get; }
    public SidTrie Trie { get; }
    public AdamW Optimizer { get; }
    public int PadTokenId { get; }

    /// <param name="prompts">The batch's prompts, in its prompt order (as given to the rollout).</param>
    /// <param name="rewards">(Rows) one reward per sampled row.</param>
    /// <param name="weights">(Rows) sample weights, or null for all 1.</param>
    /// <param name="options">The stage's settings (its beta); Temperature must be the rollout's.</param>
    public LearnResult Learn(IReadOnlyList<int[]> prompts, RolloutBatch batch, float[] rewards, float[]? weights, GrpoOptions options,
        double learningRate, CancellationToken ct = default)
    {
        var wasTraining = Policy.training;
        using var scope = NewDisposeScope();
        var (grpoBatch, forward, stats) = Prepare(prompts, batch, rewards, weights, options);
        try
        {
            var update = GrpoUpdate.Run(Optimizer, forward, grpoBatch, options, learningRate, ct);
            return LearnResult.From(update, stats, batch.CompletionTokens);
        }
        finally
        {
            Policy.train(wasTraining);
        }
    }

    /// <summary>
    /// What an update of <paramref name="batch"/> needs, checked: its tensors (in the caller's dispose scope), the policy's
    /// forward over its rows, and the group statistics. The whole batch (<see cref="Learn"/>) and a data-parallel
    /// learner's share (<see cref="Share"/>) are prepared alike by this one method.
    /// </summary>
    (GrpoBatch Batch, MinibatchForward Forward, GroupStats Stats) Prepare(IReadOnlyList<int[]> prompts, RolloutBatch batch, float[] rewards,
        float[]? weights, GrpoOptions options)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(rewards);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        batch.Validate();
        Check(batch, rewards, weights, options);
        var (advantages, stats) = GroupAdvantages.Compute(rewards, batch.GroupSize, options.AdvantageEstimator, options.AdvantageEpsilon);
        var forcing = new TeacherForcing(prompts, batch, PadTokenId);
        var referenceLogProbs = options.Beta == 0 ? null : ReferenceLogProbs(forcing, batch);

        var device = Policy.Device;
        long[] shape = [batch.Rows, batch.Depth];
        var grpoBatch = new GrpoBatch(
            tensor(batch.OldLogProbs, shape, device: device),
            referenceLogProbs is null ? null : tensor(referenceLogProbs, shape, device: device),
            tensor(advantages, device: device),
            ones(shape, ScalarType.Float32, device),
            weights is null ? null : tensor(weights, device: device));
        return (grpoBatch, rows => Forward(forcing, rows, batch.Temperature), stats);
    }

    PolicyLogProbs Forward(TeacherForcing forcing, int[] rows, double temperature)
    {
        Policy.train();
        var logits = forcing.Logits(Policy, rows);                                                 // (b, D, V)
        var items = forcing.ItemsOf(rows);
        var logProbs = SidConstraint.SequenceLogProbs(logits, Trie, items, temperature);           // (b, D)
        return new PolicyLogProbs(logProbs, TeacherForcing.Entropy(logits, Trie, items, temperature));
    }

    /// <summary>(Rows x Depth) the reference's log-probabilities of the sampled tokens, row-major, in chunks.</summary>
    float[] ReferenceLogProbs(TeacherForcing forcing, RolloutBatch batch)
    {
        var result = new float[batch.Rows * batch.Depth];
        using var mode = new InferenceMode(Reference);
        for (var start = 0; start < batch.Rows; start += _referenceRows)
        {
            using var chunk = NewDisposeScope();
            var rows = Enumerable.Range(start, Math.Min(_referenceRows, batch.Rows - start)).ToArray();
            var logits = forcing.Logits(Reference, rows);                                          // (b, D, V)
            var logProbs = SidConstraint.SequenceLogProbs(logits, Trie, forcing.ItemsOf(rows), batch.Temperature).cpu(); // (b, D)
            logProbs.data<float>().CopyTo(result, start * batch.Depth);
        }
        return result;
    }

    void Check(RolloutBatch batch, float[] rewards, float[]? weights, GrpoOptions options)
    {
        if (batch.Depth != Trie.Depth)
            throw new ArgumentException($"the rollout batch has {batch.Depth}-token SIDs, the trie {Trie.Depth}", nameof(batch));
        if (batch.Temperature != options.Temperature)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"grpo.temperature is {options.Temperature} but the batch was sampled at {batch.Temperature}: the ratio must compare log-probabilities at one temperature"), nameof(options));
        if (rewards.Length != batch.Rows)
            throw new ArgumentException($"{rewards.Length} rewards for {batch.Rows} rows", nameof(rewards));
        if (weights is not null && weights.Length != batch.Rows)
            throw new ArgumentException($"{weights.Length} sample weights for {batch.Rows} rows", nameof(weights));
    }
}
