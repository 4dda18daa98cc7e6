using System.Globalization;
using System.Text;
using CoNRec.Model.Generation;

namespace CoNRec.Model.Grpo;

/// <summary>
/// What the rollout phase hands on: G sampled SIDs per prompt, as plain arrays (a message, no tensors). Row r is
/// prompt r / G, sample r % G; token arrays are row-major (Rows, Depth).
/// </summary>
/// <param name="Tokens">(Rows, Depth) the sampled SID token ids.</param>
/// <param name="OldLogProbs">(Rows, Depth) the sampling policy's log-probabilities of those tokens at
/// <paramref name="Temperature"/>, over the trie's allowed tokens: the "old policy" of the GRPO ratio.</param>
/// <param name="Items">(Rows) the item each sampled SID names.</param>
public sealed record RolloutBatch(int Prompts, int GroupSize, int Depth, double Temperature, int[] Tokens, float[] OldLogProbs, int[] Items)
{
    public int Rows => Prompts * GroupSize;

    /// <summary>Completion tokens in the batch (every SID is complete: Rows x Depth).</summary>
    public long CompletionTokens => (long)Rows * Depth;

    public int Row(int prompt, int sample) => prompt * GroupSize + sample;

    public ReadOnlySpan<int> ItemsOf(int prompt) => Items.AsSpan(prompt * GroupSize, GroupSize);

    public ReadOnlySpan<int> TokensOf(int row) => Tokens.AsSpan(row * Depth, Depth);

    public static RolloutBatch From(GroupSamples samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return new RolloutBatch(samples.Prompts, samples.GroupSize, samples.Depth, samples.Temperature, samples.Tokens, samples.LogProbs, samples.Items);
    }

    /// <summary>Throws an <see cref="ArgumentException"/> when the arrays do not have the stated shape.</summary>
    public RolloutBatch Validate()
    {
        if (Prompts < 1 || GroupSize < 1 || Depth < 1)
            throw new ArgumentException($"a rollout batch needs prompts, group size and depth >= 1 (got {Prompts}, {GroupSize}, {Depth})");
        if (Tokens is null || Tokens.Length != Rows * Depth) throw Shape(nameof(Tokens), Tokens?.Length, Rows * Depth);
        if (OldLogProbs is null || OldLogProbs.Length != Rows * Depth) throw Shape(nameof(OldLogProbs), OldLogProbs?.Length, Rows * Depth);
        if (Items is null || Items.Length != Rows) throw Shape(nameof(Items), Items?.Length, Rows);
        return this;
    }

    static ArgumentException Shape(string name, int? length, int expected) =>
        new($"rollout batch: {name} holds {length?.ToString(CultureInfo.InvariantCulture) ?? "null"} values, expected {expected}");

    bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture,
            $"Prompts = {Prompts}, GroupSize = {GroupSize}, Depth = {Depth}, Temperature = {Temperature}, Rows = {Rows}");
        return true;
    }
}
