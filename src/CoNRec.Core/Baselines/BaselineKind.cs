namespace CoNRec.Core.Baselines;

/// <summary>The non-learned baselines the command line can run (<c>--baseline</c>).</summary>
public enum BaselineKind
{
    /// <summary>Random distinct items and random candidate scores: the floor every model must beat.</summary>
    Random,

    /// <summary>Items most users rejected in the history (<see cref="DislikePopularityRanker"/>).</summary>
    Popularity,

    /// <summary>Item-kNN co-dislike over Swing neighbours (<see cref="SwingRanker"/>).</summary>
    Swing,
}
