using CoNRec.Core.Coordination;
using CoNRec.Core.Protocol;

namespace CoNRec.Core.Tests.Coordination;

public sealed class GroupBoardTests
{
    static GroupBoard Board(int groups) => GroupBoard.Of(Enumerable.Range(0, groups).Select(g => new GroupWork(g, [new AnchorRef(g, 0, 1, 0)], GroupStatus.Pending)));

    static GroupBoard Set(GroupBoard board, int group, GroupStatus status) => board.With(board[group] with { Status = status });

    [Fact]
    public void The_lowest_pending_group_waits_first_and_a_released_one_comes_back_before_higher_ones()
    {
        var board = Board(5);
        board = Set(board, 0, GroupStatus.Rolling);
        board = Set(board, 1, GroupStatus.Rolling);
        board = Set(board, 2, GroupStatus.Rolling);

        var beforeRelease = board.FirstWaiting(GroupStatus.Pending);
        board = board.With(board[1].Released());

        Assert.Equal(3, beforeRelease);
        Assert.Equal(1, board.FirstWaiting(GroupStatus.Pending));
        Assert.Equal(-1, board.FirstWaiting(GroupStatus.Rolled));
    }

    [Fact]
    public void Rolled_groups_wait_for_scoring_lowest_first_and_scored_ones_are_counted()
    {
        var board = Board(3);
        foreach (var g in new[] { 2, 0, 1 }) board = Set(Set(board, g, GroupStatus.Rolling), g, GroupStatus.Rolled);
        var firstRolled = board.FirstWaiting(GroupStatus.Rolled);
        board = Set(Set(board, 0, GroupStatus.Scoring), 0, GroupStatus.Scored);
        board = Set(Set(board, 1, GroupStatus.Scoring), 1, GroupStatus.Scored);
        var twoScored = (board.Scored, board.AllScored);
        board = Set(Set(board, 2, GroupStatus.Scoring), 2, GroupStatus.Scored);

        Assert.Equal(0, firstRolled);
        Assert.Equal((2, false), twoScored);
        Assert.True(board.AllScored);
        Assert.Equal(-1, board.FirstWaiting(GroupStatus.Rolled));
        Assert.Equal(-1, board.FirstWaiting(GroupStatus.Pending));
    }

    [Fact]
    public void The_waiting_counts_follow_groups_from_pending_to_rolled_and_back_on_release()
    {
        var board = Board(4);
        var fresh = (board.CountWaiting(GroupStatus.Pending), board.CountWaiting(GroupStatus.Rolled));
        board = Set(board, 0, GroupStatus.Rolling);
        board = Set(board, 1, GroupStatus.Rolling);
        board = Set(board, 1, GroupStatus.Rolled);
        var twoLeasedOneRolled = (board.CountWaiting(GroupStatus.Pending), board.CountWaiting(GroupStatus.Rolled));
        board = board.With(board[0].Released());

        Assert.Equal((4, 0), fresh);
        Assert.Equal((2, 1), twoLeasedOneRolled);
        Assert.Equal(3, board.CountWaiting(GroupStatus.Pending));
        Assert.Equal(1, board.CountWaiting(GroupStatus.Rolled));
        Assert.Throws<ArgumentOutOfRangeException>(() => board.CountWaiting(GroupStatus.Scored));
    }

    [Fact]
    public void A_change_leaves_the_board_it_came_from_as_it_was()
    {
        var board = Board(2);

        var leased = Set(board, 0, GroupStatus.Rolling);

        Assert.Equal(GroupStatus.Pending, board[0].Status);
        Assert.Equal(0, board.FirstWaiting(GroupStatus.Pending));
        Assert.Equal(GroupStatus.Rolling, leased[0].Status);
        Assert.Equal(1, leased.FirstWaiting(GroupStatus.Pending));
        Assert.Equal([0, 1], leased.Select(g => g.Group));
    }

    [Fact]
    public void Groups_out_of_order_and_unknown_groups_are_refused()
    {
        var board = Board(2);

        Assert.Throws<ArgumentException>(() => GroupBoard.Of([new GroupWork(1, [], GroupStatus.Pending)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => board.With(new GroupWork(2, [], GroupStatus.Pending)));
        Assert.Throws<ArgumentOutOfRangeException>(() => board.FirstWaiting(GroupStatus.Scored));
        Assert.True(GroupBoard.Empty.AllScored);
    }
}
