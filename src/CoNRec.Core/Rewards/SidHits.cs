namespace CoNRec.Core.Rewards;

/// <summary>Prefix credits of the hit-based rewards (variants e and the next-negative ablation).</summary>
static class SidHits
{
    /// <summary>
    /// HitExact when the code sequences are equal, else HitTwoLevelPrefix when the first two codes match,
    /// else HitOneLevelPrefix when the first code matches, else 0. Items that share every level code but
    /// differ in the disambiguating suffix are different items: they earn the two-level credit.
    /// </summary>
    public static double Credit(ReadOnlySpan<int> generated, ReadOnlySpan<int> target, RewardOptions options)
    {
        if (generated.SequenceEqual(target)) return options.HitExact;
        var common = generated.CommonPrefixLength(target);
        return common >= 2 ? options.HitTwoLevelPrefix : common == 1 ? options.HitOneLevelPrefix : 0;
    }
}
