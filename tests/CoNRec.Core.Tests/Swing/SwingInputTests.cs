using CoNRec.Core.Data;
using CoNRec.Core.Swing;

namespace CoNRec.Core.Tests.Swing;

public sealed class SwingInputTests
{
    [Fact]
    public void Pairs_are_deduplicated_and_indexed_both_ways_in_ascending_order()
    {
        var input = SwingInput.FromPairs(3, 4, [(2, 3), (0, 2), (0, 1), (2, 1), (0, 2), (2, 3)]);

        Assert.Equal(4, input.PairCount);
        Assert.Equal([1, 2], input.ItemsOf(0).ToArray());
        Assert.True(input.ItemsOf(1).IsEmpty);
        Assert.Equal([1, 3], input.ItemsOf(2).ToArray());
        Assert.Equal([0, 2], input.UsersOf(1).ToArray());
        Assert.Equal([2], input.UsersOf(3).ToArray());
        Assert.True(input.UsersOf(0).IsEmpty);
        Assert.Equal(2, input.MaxItemsPerUser);
    }

    [Fact]
    public void A_pair_outside_the_users_or_items_is_refused_with_its_position()
    {
        var error = Assert.Throws<ArgumentException>(() => SwingInput.FromPairs(2, 2, [(0, 0), (1, 5)]));

        Assert.Contains("pair 1 names item 5", error.Message, StringComparison.Ordinal);
    }

    static Dataset SmallDataset()
    {
        var builder = new DatasetBuilder("swing-input", 0);
        for (var i = 0; i < 3; i++) builder.AddItem($"i{i}", $"item {i}", "A/B", []);
        var a = builder.User("a");
        var b = builder.User("b");
        builder.AddEvent(a, 0, 100, FeedbackKind.Negative, NegativeReason.NotInterested);
        builder.AddEvent(a, 1, 200, FeedbackKind.Positive);
        builder.AddEvent(a, 2, 300, FeedbackKind.Negative, NegativeReason.NotInterested);
        builder.AddEvent(a, 0, 400, FeedbackKind.Negative, NegativeReason.NotInterested);
        builder.AddEvent(b, 1, 100, FeedbackKind.Exposure);
        builder.AddEvent(b, 1, 150, FeedbackKind.Negative, NegativeReason.NotInterested);
        return builder.Build();
    }

    [Fact]
    public void A_dataset_gives_its_negative_events_only()
    {
        var input = SwingInput.FromNegatives(SmallDataset());

        Assert.Equal([0, 2], input.ItemsOf(0).ToArray());
        Assert.Equal([1], input.ItemsOf(1).ToArray());
        Assert.Equal(3, input.PairCount);
    }

    [Fact]
    public void A_per_user_history_end_keeps_only_the_earlier_negatives()
    {
        var dataset = SmallDataset();
        var starts = dataset.Events.UserStart;

        // User a: events 0..3, keep the first two (negative item 0, positive item 1). User b: nothing.
        var input = SwingInput.FromNegatives(dataset, [starts[0] + 2, starts[1]]);

        Assert.Equal([0], input.ItemsOf(0).ToArray());
        Assert.True(input.ItemsOf(1).IsEmpty);
    }

    [Fact]
    public void A_history_end_outside_the_users_events_is_refused()
    {
        var dataset = SmallDataset();

        var error = Assert.Throws<ArgumentException>(() => SwingInput.FromNegatives(dataset, [0, 99]));

        Assert.Contains("historyEndPerUser[1] = 99", error.Message, StringComparison.Ordinal);
    }
}
