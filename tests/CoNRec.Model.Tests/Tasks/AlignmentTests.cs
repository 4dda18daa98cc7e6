using CoNRec.Model.Tasks;

namespace CoNRec.Model.Tests.Tasks;

public sealed class AlignmentTests
{
    static readonly int[] Rejected = [0, 2, 6];
    static readonly int[] Liked = [1, 3, 4, 5];

    [Fact]
    public void Each_item_holds_one_rejected_item_and_three_liked_ones_and_answers_the_rejected()
    {
        var builder = TinyWorld.Builder();
        var vocabulary = builder.Format.Vocabulary;

        var samples = builder.Alignment();

        Assert.Equal([0, 2, 6], samples.Select(s => s.RejectedItem));
        Assert.All(samples, s =>
        {
            Assert.Equal(4, s.Candidates.Distinct().Count());
            Assert.Equal(s.RejectedItem, Assert.Single(s.Candidates, Rejected.Contains));
            Assert.All(s.Candidates.Where(c => c != s.RejectedItem), c => Assert.Contains(c, Liked));
            Assert.Equal([vocabulary.ChoiceId(s.RejectedIndex + 1), vocabulary.EosId], s.Example.Answer.ToArray());
            Assert.Equal(builder.Format.AlignmentPrompt(s.Candidates).InputIds, s.Example.Prompt.ToArray());
        });
    }

    [Fact]
    public void The_rejection_threshold_keeps_only_items_rejected_often_enough()
    {
        var samples = TinyWorld.Builder(new TaskOptions { AlignmentMinRejections = 2 }).Alignment();

        Assert.Equal(0, Assert.Single(samples).RejectedItem);
    }

    [Fact]
    public void The_same_seed_gives_the_same_candidates_and_order()
    {
        var first = TinyWorld.Builder(new TaskOptions { Seed = 7 }).Alignment();
        var second = TinyWorld.Builder(new TaskOptions { Seed = 7 }).Alignment();

        Assert.Equal(first.Select(s => s.Candidates), second.Select(s => s.Candidates));
        Assert.Equal(first.Select(s => s.Example.InputIds), second.Select(s => s.Example.InputIds));
    }

    [Fact]
    public void A_history_with_fewer_than_three_liked_items_gives_no_alignment_items()
    {
        var builder = TinyWorld.Builder();

        var twoLiked = builder.AlignmentFor(user: 0, start: 0, end: 4);
        var threeLiked = builder.AlignmentFor(user: 0, start: 0, end: 5);

        Assert.Empty(twoLiked);
        Assert.Equal([0, 2], threeLiked.Select(s => s.RejectedItem));
        Assert.All(threeLiked, s => Assert.Equal([1, 3, 4], s.Candidates.Where(c => c != s.RejectedItem).Order()));
    }
}
