using CoNRec.Core.Data;
using CoNRec.Core.Evaluation;
using CoNRec.Core.Synthetic;

namespace CoNRec.Core.Tests.Synthetic;

public sealed class CoverageCheckTests
{
    const long Start = 1_735_689_600;
    static long Day(int day, int second = 3_600) => Start + day * Time.SecondsPerDay + second;

    /// <summary>
    /// Items 0..9 in groups G0..G4 (item i in group i / 2). t0 = day 3, window 7 days.
    /// A dislikes [G0, G1, G2, G3]: history negative item 0; in the window item 6 (seen too often, cleaned away),
    /// then items 2 (G1), 4 (G2), 8 (G4). B dislikes [G4]: in the window item 9 (G4). C dislikes [G2, G0]: only a
    /// low-quality negative in the window, so no case after cleaning. D dislikes [G3]: nothing in the window.
    /// </summary>
    static EvaluationSplit HandMadeSplit()
    {
        var builder = new DatasetBuilder("hand-made", featureDim: 1);
        for (var i = 0; i < 10; i++) builder.AddItem($"i{i}", $"item {i}", "Top/Leaf", [i]);
        var (a, b, c, d) = (builder.User("A"), builder.User("B"), builder.User("C"), builder.User("D"));
        builder.AddEvent(a, 0, Day(1), FeedbackKind.Negative, NegativeReason.NotInterested);
        builder.AddEvent(a, 3, Day(2), FeedbackKind.Exposure);
        builder.AddEvent(a, 6, Day(4), FeedbackKind.Negative, NegativeReason.SeenTooOften);
        builder.AddEvent(a, 2, Day(4, 7_200), FeedbackKind.Negative, NegativeReason.DislikeCategory);
        builder.AddEvent(a, 4, Day(5), FeedbackKind.Negative, NegativeReason.NotInterested);
        builder.AddEvent(a, 8, Day(6), FeedbackKind.Negative, NegativeReason.NotInterested);
        builder.AddEvent(b, 1, Day(2), FeedbackKind.Click);
        builder.AddEvent(b, 9, Day(5), FeedbackKind.Negative, NegativeReason.NotInterested);
        builder.AddEvent(c, 5, Day(2), FeedbackKind.Exposure);
        builder.AddEvent(c, 4, Day(5), FeedbackKind.Negative, NegativeReason.LowQuality);
        builder.AddEvent(d, 7, Day(1), FeedbackKind.Negative, NegativeReason.NotInterested);
        builder.AddEvent(d, 6, Day(11), FeedbackKind.Exposure);
        var truth = new SyntheticTruth(["G0", "G1", "G2", "G3", "G4"], [0, 0, 1, 1, 2, 2, 3, 3, 4, 4], [[0, 1, 2, 3], [4], [2, 0], [3]]);
        return EvaluationSplit.Create(builder.Build(truth), new SplitOptions { T0 = Day(3, 0), WindowDays = 7 });
    }

    static readonly int[][] Neighbours = [[], [], [0, 9], [], [6], [], [], [], [], []];

    [Fact]
    public void Coverage_matches_the_hand_computed_example()
    {
        var report = CoverageCheck.Run(HandMadeSplit(), item => Neighbours[item], topNeighbours: 1);

        Assert.Equal(2, report.Users);
        // top-1: A gets 0 / 0 / 1 (neighbour item 0 is G0), B gets 1 / 1 / 1.
        Assert.Equal(new CoverageRow(1, 0.5, 0.5, 1.0), report.Top(1));
        // top-4: A gets 1/4 (G1) / 2/4 (G1, G2) / 4/4 (+ G0 from item 2, G3 from item 4); B has one group: 1 / 1 / 1.
        Assert.Equal(new CoverageRow(4, 0.625, 0.75, 1.0), report.Top(4));
    }

    [Fact]
    public void Without_neighbours_the_third_column_equals_the_second()
    {
        var report = CoverageCheck.Run(HandMadeSplit(), neighbours: null, topNeighbours: 10);

        Assert.All(report.Rows, r => Assert.Equal(r.Window, r.WindowAndNeighbours));
    }

    [Fact]
    public void Only_the_requested_number_of_neighbours_counts()
    {
        var report = CoverageCheck.Run(HandMadeSplit(), item => Neighbours[item], topNeighbours: 2);

        // Item 2's second neighbour (item 9, G4) is outside A's groups: nothing changes for A.
        Assert.Equal(new CoverageRow(4, 0.625, 0.75, 1.0), report.Top(4));
    }

    [Fact]
    public void A_dataset_without_ground_truth_is_refused()
    {
        var builder = new DatasetBuilder("no-truth", featureDim: 0);
        builder.AddItem("i0", "item", "Top/Leaf", []);
        var user = builder.User("A");
        builder.AddEvent(user, 0, Day(0), FeedbackKind.Negative);
        builder.AddEvent(user, 0, Day(9), FeedbackKind.Negative);
        var split = EvaluationSplit.Create(builder.Build(), new SplitOptions { WindowDays = 7 });

        var error = Assert.Throws<ArgumentException>(() => CoverageCheck.Run(split, null, 10));

        Assert.Contains("no synthetic ground truth", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_prints_one_line_per_k_with_percentages()
    {
        var text = CoverageCheck.Run(HandMadeSplit(), item => Neighbours[item], topNeighbours: 1).Format();

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("top-1", lines[2], StringComparison.Ordinal);
        Assert.Contains("62.5%", lines[3], StringComparison.Ordinal);
    }
}
