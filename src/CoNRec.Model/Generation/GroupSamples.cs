using System.Text;

namespace CoNRec.Model.Generation;

/// <summary>
/// G sampled SIDs per prompt. Row r = prompt * GroupSize + sample; arrays are row-major (rows, Depth).
/// </summary>
/// <param name="LogProbs">Per token, log-softmax(logits / Temperature) over the trie's allowed tokens: the
/// sampling ("old") policy's log-probabilities that the GRPO ratio divides by.</param>
/// <param name="LogProbsAtOne">Per token, the same at temperature 1 (equal to LogProbs when Temperature is 1).</param>
/// <param name="Items">Per row, the item the sampled SID names.</param>
public sealed record GroupSamples(
    int Prompts, int GroupSize, int Depth, double Temperature,
    int[] Tokens, float[] LogProbs, float[] LogProbsAtOne, int[] Items)
{
    public int Rows => Prompts * GroupSize;

    public int Row(int prompt, int sample) => prompt * GroupSize + sample;

    public ReadOnlySpan<int> TokensOf(int row) => Tokens.AsSpan(row * Depth, Depth);

    public ReadOnlySpan<float> LogProbsOf(int row) => LogProbs.AsSpan(row * Depth, Depth);

    public ReadOnlySpan<float> LogProbsAtOneOf(int row) => LogProbsAtOne.AsSpan(row * Depth, Depth);

    public int ItemOf(int prompt, int sample) => Items[Row(prompt, sample)];

    bool PrintMembers(StringBuilder builder)
    {
        builder.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"Prompts = {Prompts}, GroupSize = {GroupSize}, Depth = {Depth}, Temperature = {Temperature}, Rows = {Rows}");
        return true;
    }
}
