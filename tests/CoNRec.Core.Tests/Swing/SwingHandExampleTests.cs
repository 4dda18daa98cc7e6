using CoNRec.Core.Swing;

namespace CoNRec.Core.Tests.Swing;

public sealed class SwingHandExampleTests
{
    // Four users, six items, every user rejects four items:
    //   u0 {0,1,2,3}   u1 {0,1,4,5}   u2 {0,1,2,3}   u3 {2,3,4,5}
    // Users of items: U0 = U1 = {u0,u1,u2}, U2 = U3 = {u0,u2,u3}, U4 = U5 = {u1,u3}.
    // Pair overlaps |I_u ∩ I_v|: (u0,u1) 2, (u0,u2) 4, (u0,u3) 2, (u1,u2) 2, (u1,u3) 2, (u2,u3) 2.
    static SwingInput Example() => SwingInput.FromPairs(4, 6,
    [
        (0, 0), (0, 1), (0, 2), (0, 3),
        (1, 0), (1, 1), (1, 4), (1, 5),
        (2, 0), (2, 1), (2, 2), (2, 3),
        (3, 2), (3, 3), (3, 4), (3, 5),
    ]);

    // Alpha1 = 0, Theta = 0.5 make every user factor 1/sqrt(4) = 1/2, and Alpha2 = 0 makes a pair's weight
    // 1/(4 * overlap): 1/8 for overlap 2, 1/16 for overlap 4. All scores are exact binary fractions.
    static readonly SwingOptions Exact = new()
    {
        Alpha1 = 0, Alpha2 = 0, Theta = 0.5, MinCommonUsers = 2, Normalization = SwingNormalization.None,
    };

    [Fact]
    public void Swing_matches_the_hand_computed_example()
    {
        var neighbors = SwingSimilarity.Compute(Example(), Exact);

        // sim(0,1): U01 = {u0,u1,u2}; pairs (u0,u1) 1/8 + (u0,u2) 1/16 + (u1,u2) 1/8 = 5/16, ordered pairs x2 = 5/8.
        Assert.Equal(5.0 / 8, neighbors.Score(0, 1), 1e-9);
        // sim(0,2): U02 = {u0,u2}; pair (u0,u2) 1/16, x2 = 1/8.
        Assert.Equal(1.0 / 8, neighbors.Score(0, 2), 1e-9);
        // sim(2,3): U23 = {u0,u2,u3}; (u0,u2) 1/16 + (u0,u3) 1/8 + (u2,u3) 1/8 = 5/16, x2 = 5/8.
        Assert.Equal(5.0 / 8, neighbors.Score(2, 3), 1e-9);
        // sim(4,5): U45 = {u1,u3}; pair (u1,u3) 1/8, x2 = 1/4.
        Assert.Equal(1.0 / 4, neighbors.Score(4, 5), 1e-9);
        // Item 0: 1 (5/8), then 2 and 3 tied at 1/8, smaller index first.
        Assert.Equal([1, 2, 3], neighbors.NeighborsOf(0).ToArray());
        Assert.Equal([5], neighbors.NeighborsOf(4).ToArray());
    }

    [Fact]
    public void Swing_with_default_weights_and_popularity_normalisation_matches_the_hand_computed_example()
    {
        var options = new SwingOptions { MinCommonUsers = 2 };

        var neighbors = SwingSimilarity.Compute(Example(), options);

        // Alpha1 = 5: user factor 1/sqrt(4 + 5) = 1/3; Alpha2 = 1: overlap 2 -> 1/3, overlap 4 -> 1/5.
        // sim(0,1) = 2 * (1/9) * (1/3 + 1/5 + 1/3) = 26/135, over sqrt(|U0| |U1|) = 3: 26/405.
        Assert.Equal(26.0 / 405, neighbors.Score(0, 1), 1e-7);
        // sim(4,5) = 2 * (1/9) * (1/3) = 2/27, over sqrt(2 * 2) = 2: 1/27.
        Assert.Equal(1.0 / 27, neighbors.Score(4, 5), 1e-7);
    }

    [Fact]
    public void Pairs_with_fewer_common_users_than_the_threshold_are_left_out()
    {
        var neighbors = SwingSimilarity.Compute(Example(), Exact with { MinCommonUsers = 3 });

        // |U01| = 3 is kept; |U02| = |U03| = 2 and |U45| = 2 are not.
        Assert.Equal([1], neighbors.NeighborsOf(0).ToArray());
        Assert.Equal(0f, neighbors.Score(0, 2));
        Assert.True(neighbors.NeighborsOf(4).IsEmpty);
    }

    [Fact]
    public void Top_n_keeps_the_best_scores_and_breaks_ties_by_the_smaller_item()
    {
        var neighbors = SwingSimilarity.Compute(Example(), Exact with { TopN = 2 });

        // Item 0: 1 (5/8) then the 1/8 tie between 2 and 3 goes to 2. Item 3: 2 (5/8) then 0 over 1.
        Assert.Equal([1, 2], neighbors.NeighborsOf(0).ToArray());
        Assert.Equal([2, 0], neighbors.NeighborsOf(3).ToArray());
        Assert.Equal([5.0f / 8, 1.0f / 8], neighbors.ScoresOf(3).ToArray());
    }

    [Fact]
    public void An_item_no_two_users_rejected_together_with_another_has_no_neighbors()
    {
        // Item 2 is rejected by u2 alone; item 3 by nobody.
        var input = SwingInput.FromPairs(3, 4, [(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 0)]);

        var neighbors = SwingSimilarity.Compute(input, Exact);

        Assert.True(neighbors.NeighborsOf(2).IsEmpty);
        Assert.True(neighbors.NeighborsOf(3).IsEmpty);
        Assert.Equal([1], neighbors.NeighborsOf(0).ToArray());
    }

    [Fact]
    public void Naive_swing_matches_the_hand_computed_example()
    {
        var neighbors = NaiveSwing.Compute(Example(), Exact);

        Assert.Equal(5.0 / 8, neighbors.Score(0, 1), 1e-9);
        Assert.Equal(1.0 / 4, neighbors.Score(4, 5), 1e-9);
        Assert.Equal([1, 2, 3], neighbors.NeighborsOf(0).ToArray());
    }
}
