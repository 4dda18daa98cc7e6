using CoNRec.Core.Data;
using CoNRec.Core.Evaluation;

namespace CoNRec.Core.Tests.Evaluation;

/// <summary>Hand-made datasets for evaluation and baseline tests: items "i0".."iN", users by name, times in days.</summary>
static class TinyData
{
    public static Dataset Build(int itemCount, params (string User, int Item, double Day, FeedbackKind Kind)[] events)
    {
        var builder = new DatasetBuilder("tiny", 0);
        for (var i = 0; i < itemCount; i++) builder.AddItem($"i{i}", $"item {i}", "All/Things", []);
        foreach (var (user, item, day, kind) in events) builder.AddEvent(builder.User(user), item, Time.Days(day), kind);
        return builder.Build();
    }

    public static EvaluationSplit Split(Dataset dataset, double t0Days, double windowDays = 7) =>
        EvaluationSplit.Create(dataset, new SplitOptions { T0 = Time.Days(t0Days), WindowDays = windowDays });

    /// <summary>
    /// Four users, six items, t0 = day 10, W = 7 days. History negatives: u0 {i0, i1, i2}, u1 {i0}, u2 {i1},
    /// u3 {i0, i1}; so dislike popularity is i0: 3, i1: 3, i2: 1, others 0. Future: u0 rejects i4 then i5 and is
    /// shown i3; u1 rejects i3 and is shown i1, i2; u2 only likes i0 and u3 rejects i5 after the window, so
    /// neither of them is a case.
    /// </summary>
    public static EvaluationSplit FourUsers() => Split(Build(6,
        ("u0", 0, 1, FeedbackKind.Negative), ("u0", 1, 2, FeedbackKind.Negative), ("u0", 2, 3, FeedbackKind.Negative),
        ("u0", 4, 11, FeedbackKind.Negative), ("u0", 3, 11.5, FeedbackKind.Exposure), ("u0", 5, 12, FeedbackKind.Negative),
        ("u1", 0, 1, FeedbackKind.Negative), ("u1", 3, 11, FeedbackKind.Negative),
        ("u1", 1, 11.2, FeedbackKind.Exposure), ("u1", 2, 11.3, FeedbackKind.Exposure),
        ("u2", 1, 2, FeedbackKind.Negative), ("u2", 0, 11, FeedbackKind.Positive),
        ("u3", 0, 4, FeedbackKind.Negative), ("u3", 1, 5, FeedbackKind.Negative), ("u3", 5, 20, FeedbackKind.Negative)), t0Days: 10);

    public static EvaluationCase Case(int nextNegative, int[] futureNegatives, int[]? excluded = null, int historyNegatives = 0, int user = 0) =>
        new(user, 0, 0, 0, nextNegative, futureNegatives, [], excluded ?? [], historyNegatives, [nextNegative]);
}
