namespace CoNRec.Core.Rewards;

/// <summary>
/// What one anchor is rewarded against. <see cref="Gts"/>: the distinct future negatives in event order, then
/// their Swing neighbours (negative by negative, best first) that are not already in it;
/// <see cref="FutureNegativeCount"/> of them are negatives. <see cref="Fps"/>: the distinct future positives.
/// <see cref="NextNegative"/>: the first negative at or after the anchor's future start, -1 when none.
/// </summary>
public sealed record RewardTargets(int[] Gts, int FutureNegativeCount, int[] Fps, int NextNegative)
{
    public static RewardTargets Empty { get; } = new([], 0, [], -1);

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Gts = {Gts.Length} ({FutureNegativeCount} negatives), Fps = {Fps.Length}, NextNegative = {NextNegative}");
        return true;
    }
}
