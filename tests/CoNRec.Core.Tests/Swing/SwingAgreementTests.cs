using CoNRec.Core.Swing;

namespace CoNRec.Core.Tests.Swing;

public sealed class SwingAgreementTests
{
    /// <summary>~200 users x 100 items with 3..15 rejections each, half of them inside one of 10 topics.</summary>
    static SwingInput RandomInput(int seed)
    {
        var random = new Random(seed);
        var pairs = new List<(int User, int Item)>();
        for (var u = 0; u < 200; u++)
        {
            var topic = random.Next(10);
            var count = 3 + random.Next(13);
            for (var k = 0; k < count; k++)
                pairs.Add((u, random.NextDouble() < 0.5 ? topic * 10 + random.Next(10) : random.Next(100)));
        }
        return SwingInput.FromPairs(200, 100, [.. pairs]);
    }

    [Theory]
    [InlineData(SwingNormalization.SqrtPopularity, 500)]
    [InlineData(SwingNormalization.None, 500)]
    [InlineData(SwingNormalization.SqrtPopularity, 8)]
    public void Fast_swing_gives_the_same_neighbors_as_the_naive_one(SwingNormalization normalization, int maxUsersPerItem)
    {
        var input = RandomInput(seed: 7);
        var options = new SwingOptions { MinCommonUsers = 3, Normalization = normalization, MaxUsersPerItem = maxUsersPerItem };

        var fast = SwingSimilarity.Compute(input, options);
        var naive = NaiveSwing.Compute(input, options);

        Assert.True(fast.PairCount > 500, $"the input should give many neighbours, got {fast.PairCount}");
        Assert.Equal(naive.Start.ToArray(), fast.Start.ToArray());
        Assert.Equal(naive.Items.ToArray(), fast.Items.ToArray());
        for (var k = 0; k < fast.PairCount; k++)
            Assert.True(Math.Abs(fast.Scores[k] - naive.Scores[k]) <= 1e-6 * Math.Abs(naive.Scores[k]),
                $"score {k}: fast {fast.Scores[k]}, naive {naive.Scores[k]}");
    }

    [Fact]
    public void Hot_item_sampling_is_the_same_for_the_same_seed_and_changes_with_the_seed()
    {
        var input = RandomInput(seed: 11);
        var hot = Enumerable.Range(0, input.ItemCount).MaxBy(input.UserCountOf);

        var (start, first) = SwingSampling.SampleUsers(input, maxUsersPerItem: 5, seed: 3);
        var (_, again) = SwingSampling.SampleUsers(input, maxUsersPerItem: 5, seed: 3);
        var (_, other) = SwingSampling.SampleUsers(input, maxUsersPerItem: 5, seed: 4);

        var sample = first[start[hot]..start[hot + 1]];
        Assert.Equal(5, sample.Length);
        Assert.Subset(input.UsersOf(hot).ToArray().ToHashSet(), sample.ToHashSet());
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Swing_with_sampled_hot_items_is_reproducible_with_its_seed()
    {
        var input = RandomInput(seed: 11);
        var options = new SwingOptions { MinCommonUsers = 2, MaxUsersPerItem = 6, Seed = 5 };

        var first = SwingSimilarity.Compute(input, options);
        var second = SwingSimilarity.Compute(input, options);
        var unsampled = SwingSimilarity.Compute(input, options with { MaxUsersPerItem = 500 });

        Assert.Equal(first.Items.ToArray(), second.Items.ToArray());
        Assert.Equal(first.Scores.ToArray(), second.Scores.ToArray());
        Assert.NotEqual(unsampled.Scores.ToArray(), first.Scores.ToArray());
    }
}
