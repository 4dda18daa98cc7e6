namespace CoNRec.Core.Rewards;

/// <summary>
/// The reward designs of method.md step 4, plus the next-negative hit reward of the "plain GRPO" ablation.
/// With s+ = max over GTS of cos(e_out, e_i) and s- = max over FPS of cos(e_out, e_j) (0 for an empty set):
/// </summary>
public enum RewardVariant
{
    /// <summary>(a) r = s+.</summary>
    NegativesOnly = 0,

    /// <summary>(b) r = s+ when s+ >= TruncationThreshold, else 0. No future-positive penalty.</summary>
    Truncated = 1,

    /// <summary>(c) r = s+ - Gamma * s-: the paper's final choice.</summary>
    NegativeMinusPositive = 2,

    /// <summary>
    /// (d) r = T(s+) - Gamma * T'(s-), where T zeroes s+ below TruncationThreshold and T' zeroes s- below
    /// FpsThreshold: weak matches earn nothing and weak resemblance to a liked item costs nothing.
    /// </summary>
    DoubleTruncated = 3,

    /// <summary>
    /// (e) the best SID hit over GTS: HitExact for the whole code sequence, else HitTwoLevelPrefix when the
    /// first two codes match, else HitOneLevelPrefix when the first code matches, else 0. No penalty.
    /// </summary>
    HitBased = 4,

    /// <summary>
    /// The ablation "plain GRPO with the next-negative hit reward": the credits of <see cref="HitBased"/>, but
    /// against the anchor's next negative alone (no window, no Swing neighbours); 0 when there is none.
    /// </summary>
    NextNegativeHit = 5,
}
