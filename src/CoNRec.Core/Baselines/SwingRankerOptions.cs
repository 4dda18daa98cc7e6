namespace CoNRec.Core.Baselines;

/// <summary>Settings of the item-kNN co-dislike baseline.</summary>
public sealed record SwingRankerOptions
{
    /// <summary>
    /// Recency decay: a past negative of age a days (at the case's anchor) weighs 0.5^(a / HalfLifeDays).
    /// Null: every past negative weighs 1.
    /// </summary>
    public double? HalfLifeDays { get; init; }

    public void Validate()
    {
        if (HalfLifeDays is { } h && (!(h > 0) || double.IsInfinity(h)))
            throw new ArgumentException($"baseline.swing.halfLifeDays must be a positive number of days (got {h})");
    }
}
