using CoNRec.Core.Data;
using CoNRec.Core.Evaluation;
using CoNRec.Core.Synthetic;

namespace CoNRec.Core.Tests.Synthetic;

/// <summary>The default world, generated once for the tests that check its structure (a couple of seconds).</summary>
public sealed class DefaultWorldFixture
{
    public DefaultWorldFixture()
    {
        World = SyntheticWorld.Generate(new SyntheticWorldOptions());
        Split = EvaluationSplit.Create(NegativeCleaning.KeepInterestRelated(World), new SplitOptions());
        Baselines = new CoDislikeBaselines(Split);
    }

    public Dataset World { get; }
    public EvaluationSplit Split { get; }
    public CoDislikeBaselines Baselines { get; }
}

public sealed class DefaultWorldTests(DefaultWorldFixture fixture) : IClassFixture<DefaultWorldFixture>
{
    [Fact]
    public void Default_world_has_the_intended_size()
    {
        var events = fixture.World.Events;
        var negatives = 0;
        var positives = 0;
        for (var i = 0; i < events.Count; i++)
        {
            if (events.Kinds[i] == FeedbackKind.Negative && NegativeReasons.InterestRelated.Contains(events.Reasons[i])) negatives++;
            if (events.Kinds[i] == FeedbackKind.Positive) positives++;
        }

        Assert.InRange(events.Count, 300_000, 1_500_000);
        // Negatives are sparse: positives outnumber them several times over (method.md, finding 2).
        Assert.InRange(positives / (double)negatives, 2.0, 6.0);
        Assert.True(fixture.Split.Cases.Count > 500, $"{fixture.Split.Cases.Count} evaluation cases");
    }

    [Fact]
    public void Next_negative_covers_less_than_the_window_and_neighbours_cover_more()
    {
        var report = CoverageCheck.Run(fixture.Split, fixture.Baselines.Neighbours, topNeighbours: 10);

        foreach (var k in CoverageCheck.Ks)
        {
            var row = report.Top(k);
            Assert.True(row.NextNegative + 0.03 < row.Window && row.Window + 0.05 < row.WindowAndNeighbours, report.Format());
        }
    }

    [Fact]
    public void Co_dislike_knn_beats_dislike_popularity_which_beats_random()
    {
        var random = fixture.Baselines.RandomFhr(20, seed: 1);
        var popularity = fixture.Baselines.PopularityFhr(20);
        var knn = fixture.Baselines.ItemKnnFhr(20);

        Assert.True(random < popularity && popularity < knn, $"FHR@20 random {random:0.000}, popularity {popularity:0.000}, item-kNN {knn:0.000}");
    }
}
