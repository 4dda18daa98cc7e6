using CoNRec.Core.Data;

namespace CoNRec.Core.Tests.Data;

/// <summary>Small hand-made datasets; times are given in days from the Unix epoch.</summary>
public static class TinyDatasets
{
    public static long Day(double day) => Time.Days(day);

    /// <summary>A dataset with items "i0".."i{n-1}" (2-dim features) and the given events (user ids "u0"...).</summary>
    public static Dataset Build(int itemCount, params (int User, int Item, double Day, FeedbackKind Kind)[] events)
    {
        var builder = new DatasetBuilder("tiny", featureDim: 2);
        for (var i = 0; i < itemCount; i++) builder.AddItem($"i{i}", $"item {i}", $"cat{i % 2}/leaf{i}", [i, -i]);
        var maxUser = events.Length == 0 ? -1 : events.Max(e => e.User);
        for (var u = 0; u <= maxUser; u++) builder.User($"u{u}");
        foreach (var (user, item, day, kind) in events)
            builder.AddEvent(user, item, Day(day), kind, kind == FeedbackKind.Negative ? NegativeReason.NotInterested : NegativeReason.None);
        return builder.Build();
    }
}
