using System.Globalization;

namespace CoNRec.Core.Swing;

/// <summary>How a raw Swing score is scaled before neighbours are ranked.</summary>
public enum SwingNormalization
{
    /// <summary>The raw Swing sum.</summary>
    None = 0,

    /// <summary>
    /// Raw score / sqrt(|U_i| * |U_j|), with U the full set of users who rejected the item. This is how
    /// method.md's "normalised by item popularity" is read: without it, items rejected by everyone are
    /// everyone's top neighbour.
    /// </summary>
    SqrtPopularity = 1,
}

/// <summary>
/// Settings of Swing item-item similarity on negative feedback (method.md, step 4):
/// sim(i, j) = sum over ordered pairs (u, v), u != v, of users who rejected both i and j, of
/// 1 / ((|I_u| + Alpha1)^Theta * (|I_v| + Alpha1)^Theta * (|I_u ∩ I_v| + Alpha2)).
/// Ordered pairs count each unordered pair twice; the factor 2 changes no ranking.
/// </summary>
public sealed record SwingOptions
{
    /// <summary>Damps the weight of users who reject many items.</summary>
    public double Alpha1 { get; init; } = 5;

    /// <summary>Damps the weight of user pairs who co-reject many items.</summary>
    public double Alpha2 { get; init; } = 1;

    /// <summary>Exponent of the user-activity damping.</summary>
    public double Theta { get; init; } = 0.5;

    /// <summary>Neighbours kept per item, best first.</summary>
    public int TopN { get; init; } = 10;

    /// <summary>
    /// A pair (i, j) is kept only when at least this many users rejected both (|U_ij| >= MinCommonUsers).
    /// The paper's "exceeds a threshold (5)" is read as "at least 5"; set 6 for a strict "more than 5".
    /// |U_ij| is counted over all users of i, also when <see cref="MaxUsersPerItem"/> samples them.
    /// </summary>
    public int MinCommonUsers { get; init; } = 5;

    /// <summary>
    /// Bounds the quadratic cost of hot items: when more users rejected an item, the user pairs are drawn
    /// from a sample of this many of them, chosen from <see cref="Seed"/> and the item index alone, so a
    /// result is reproducible. Popularities and |U_ij| still use every user.
    /// </summary>
    public int MaxUsersPerItem { get; init; } = 500;

    public SwingNormalization Normalization { get; init; } = SwingNormalization.SqrtPopularity;

    /// <summary>Seeds the hot-item user samples.</summary>
    public int Seed { get; init; } = 17;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first bad setting; returns this.</summary>
    public SwingOptions Validate()
    {
        RequireFiniteAtLeastZero(Alpha1, "swing.alpha1");
        RequireFiniteAtLeastZero(Alpha2, "swing.alpha2");
        RequireFiniteAtLeastZero(Theta, "swing.theta");
        if (TopN < 1) throw Bad("swing.topN must be >= 1", TopN);
        if (MinCommonUsers < 2) throw Bad("swing.minCommonUsers must be >= 2 (a Swing score needs two users)", MinCommonUsers);
        if (MaxUsersPerItem < 2) throw Bad("swing.maxUsersPerItem must be >= 2", MaxUsersPerItem);
        if (!Enum.IsDefined(Normalization))
            throw new ArgumentException($"swing.normalization must be None or SqrtPopularity (got {(int)Normalization})");
        return this;
    }

    static void RequireFiniteAtLeastZero(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
            throw new ArgumentException($"{name} must be a finite number >= 0 (got {value.ToString(CultureInfo.InvariantCulture)})");
    }

    static ArgumentException Bad(string rule, int value) =>
        new($"{rule} (got {value.ToString(CultureInfo.InvariantCulture)})");
}
