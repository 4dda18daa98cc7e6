using CoNRec.Core.Data;
using CoNRec.Core.Rewards;
using CoNRec.Core.Swing;

namespace CoNRec.Core.Tests.Rewards;

/// <summary>Hand-made datasets, 2-D SID embeddings at known angles and SID codes for reward tests; times in days.</summary>
static class RewardData
{
    static readonly float Root3Over2 = MathF.Sqrt(3) / 2;

    public static Dataset Build(int itemCount, params (string User, int Item, double Day, FeedbackKind Kind)[] events)
    {
        var builder = new DatasetBuilder("rewards", 0);
        for (var i = 0; i < itemCount; i++) builder.AddItem($"i{i}", $"item {i}", "All/Things", []);
        foreach (var (user, item, day, kind) in events) builder.AddEvent(builder.User(user), item, Time.Days(day), kind);
        return builder.Build();
    }

    public static int[] FullHistory(Dataset dataset) => dataset.Events.UserStart[1..].ToArray();

    public static RewardAnchor Anchor(Dataset dataset, int user, int offset, double day) =>
        new(user, dataset.Events.UserStart[user] + offset, Time.Days(day));

    /// <summary>
    /// Eight items with 2-D embeddings at these angles (some scaled, to show they are normalised):
    /// 0: 0°, 1: 90°, 2: 60°, 3: 30°, 4: 0° (x3), 5: 180°, 6: 45°, 7: 120° (x2).
    /// </summary>
    public static float[] AngleEmbeddings() =>
    [
        1, 0,
        0, 1,
        0.5f, Root3Over2,
        Root3Over2, 0.5f,
        3, 0,
        -1, 0,
        MathF.Sqrt(0.5f), MathF.Sqrt(0.5f),
        -1, 2 * Root3Over2,
    ];

    /// <summary>SID codes of the eight items: three levels and a suffix.</summary>
    public static int[][] Codes() =>
    [
        [1, 2, 3, 0],
        [4, 5, 6, 0],
        [1, 2, 3, 1],
        [1, 2, 7, 0],
        [1, 9, 9, 0],
        [8, 8, 8, 0],
        [2, 2, 3, 0],
        [4, 5, 6, 1],
    ];

    /// <summary>
    /// User "c" (0): rejects item 5 on day 0, then (the future) rejects item 0 on day 1 and likes item 1 on day 2.
    /// User "h" (1): rejects 5 on day 0, then 0 on day 1, 5 on day 2 and 4 on day 20 (outside a 7-day window).
    /// </summary>
    public static Dataset TwoUsers() => Build(8,
        ("c", 5, 0, FeedbackKind.Negative), ("c", 0, 1, FeedbackKind.Negative), ("c", 1, 2, FeedbackKind.Positive),
        ("h", 5, 0, FeedbackKind.Negative), ("h", 0, 1, FeedbackKind.Negative), ("h", 5, 2, FeedbackKind.Negative),
        ("h", 4, 20, FeedbackKind.Negative));

    public static RewardContext Context(Dataset dataset, RewardOptions options, IItemNeighbors? neighbors = null, int[]? historyEnd = null) =>
        new(dataset, historyEnd ?? FullHistory(dataset), AngleEmbeddings(), 2, Codes(), neighbors, options);
}

/// <summary>Fixed neighbour lists, best first, with made-up scores.</summary>
sealed class FixedNeighbors(int itemCount, Dictionary<int, int[]> lists) : IItemNeighbors
{
    public int ItemCount => itemCount;

    public ReadOnlySpan<int> NeighborsOf(int item) => lists.TryGetValue(item, out var list) ? list : [];

    public ReadOnlySpan<float> ScoresOf(int item)
    {
        var count = NeighborsOf(item).Length;
        var scores = new float[count];
        for (var k = 0; k < count; k++) scores[k] = 1f / (k + 1);
        return scores;
    }
}
