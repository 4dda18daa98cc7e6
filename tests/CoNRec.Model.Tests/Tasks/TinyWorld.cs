using CoNRec.Core.Data;
using CoNRec.Core.Evaluation;
using CoNRec.Model.Tasks;
using CoNRec.Model.Vocab;

namespace CoNRec.Model.Tests.Tasks;

/// <summary>
/// Eight items and two users, cut at day 8. User 0's history (day: event): 0: reject 0, like 1; 1: reject 2,
/// like 3; 2: like 4, click 5; 5: reject 6, reject 0; 6: like 5. After the cut: day 9 reject 7, like 3.
/// User 1 only likes items 1 and 2 (day 3) and rejects item 3 after the cut.
/// </summary>
internal static class TinyWorld
{
    public static readonly int[] Levels = [4, 4, 4, 2];
    public const long Day = Time.SecondsPerDay;
    public const long T0 = 8 * Day;

    static readonly string[] Titles = ["red wool socks", "blue wool hat", "red hat", "green socks", "blue jeans", "wool scarf", "red scarf", "green hat"];

    /// <summary>Item i's SID: [i / 4, i % 4, (i + 1) % 4, 0], unique per item.</summary>
    public static readonly int[][] ItemSids = [.. Enumerable.Range(0, 8).Select(i => new[] { i / 4, i % 4, (i + 1) % 4, 0 })];

    public static Dataset Dataset()
    {
        var builder = new DatasetBuilder("tiny", featureDim: 0);
        for (var i = 0; i < Titles.Length; i++) builder.AddItem($"item{i}", Titles[i], "Clothes", []);
        var u0 = builder.User("u0");
        builder.AddEvent(u0, 0, 0 * Day + 10, FeedbackKind.Negative);
        builder.AddEvent(u0, 1, 0 * Day + 20, FeedbackKind.Positive);
        builder.AddEvent(u0, 2, 1 * Day + 10, FeedbackKind.Negative);
        builder.AddEvent(u0, 3, 1 * Day + 20, FeedbackKind.Positive);
        builder.AddEvent(u0, 4, 2 * Day + 10, FeedbackKind.Positive);
        builder.AddEvent(u0, 5, 2 * Day + 20, FeedbackKind.Click);
        builder.AddEvent(u0, 6, 5 * Day + 100, FeedbackKind.Negative);
        builder.AddEvent(u0, 0, 5 * Day + 200, FeedbackKind.Negative);
        builder.AddEvent(u0, 5, 6 * Day + 10, FeedbackKind.Positive);
        builder.AddEvent(u0, 7, 9 * Day + 10, FeedbackKind.Negative);
        builder.AddEvent(u0, 3, 9 * Day + 20, FeedbackKind.Positive);
        var u1 = builder.User("u1");
        builder.AddEvent(u1, 1, 3 * Day, FeedbackKind.Positive);
        builder.AddEvent(u1, 2, 3 * Day + 1, FeedbackKind.Positive);
        builder.AddEvent(u1, 3, 9 * Day, FeedbackKind.Negative);
        return builder.Build();
    }

    public static EvaluationSplit Split() => EvaluationSplit.Create(Dataset(), new SplitOptions { T0 = T0, WindowDays = 7 });

    public static Vocabulary Vocabulary() => CoNRec.Model.Vocab.Vocabulary.Create(Levels, BpeTitleTokenizer.Train(Titles));

    public static TaskBuilder Builder(TaskOptions? options = null) => new(Split(), Vocabulary(), ItemSids, options ?? new TaskOptions());

    /// <summary>Item i's SID as vocabulary ids.</summary>
    public static int[] Sid(Vocabulary vocabulary, int item) => vocabulary.Sid.Encode(ItemSids[item]);

    public static bool ContainsRun(ReadOnlySpan<int> sequence, ReadOnlySpan<int> run) => sequence.IndexOf(run) >= 0;
}
