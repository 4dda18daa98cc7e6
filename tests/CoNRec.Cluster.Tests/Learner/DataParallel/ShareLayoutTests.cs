using CoNRec.Cluster.Learner.DataParallel;
using CoNRec.Core.Protocol;

namespace CoNRec.Cluster.Tests.Learner.DataParallel;

public sealed class ShareLayoutTests
{
    static ScoredGroup[] Groups(params int[] rows) =>
        [.. rows.Select((n, g) => new ScoredGroup(g, [], 3, new int[n * 3], new float[n * 3], new int[n], new float[n], new float[n]))];

    [Fact]
    public void Ranks_take_contiguous_runs_of_whole_groups_in_order()
    {
        var groups = Groups(8, 8, 8);

        var rank0 = ShareLayout.Of(groups, new DataParallelOptions(0, 2));
        var rank1 = ShareLayout.Of(groups, new DataParallelOptions(1, 2));

        Assert.Equal(new ShareLayout(0, 1, 0, 8, 24), rank0);
        Assert.Equal(new ShareLayout(1, 2, 8, 16, 24), rank1);
    }

    [Fact]
    public void A_minibatch_split_between_ranks_gives_each_its_rows_and_its_part_of_the_loss()
    {
        var groups = Groups(8, 8, 8);
        var rank0 = ShareLayout.Of(groups, new DataParallelOptions(0, 2));
        var rank1 = ShareLayout.Of(groups, new DataParallelOptions(1, 2));

        var (rows0, scale0) = rank0.MiniBatch(0, 2);
        var (rows1, scale1) = rank1.MiniBatch(0, 2);
        var (late0, _) = rank0.MiniBatch(1, 2);
        var (late1, lateScale1) = rank1.MiniBatch(1, 2);

        Assert.Equal(Enumerable.Range(0, 8), rows0);
        Assert.Equal(8.0 / 12, scale0);
        Assert.Equal(Enumerable.Range(0, 4), rows1);
        Assert.Equal(4.0 / 12, scale1);
        Assert.Empty(late0);
        Assert.Equal(Enumerable.Range(4, 12), late1);
        Assert.Equal(1.0, lateScale1);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 4)]
    [InlineData(5, 2)]
    [InlineData(4, 7)]
    public void Over_all_ranks_every_row_of_every_minibatch_is_learned_once_and_the_scales_sum_to_one(int world, int miniBatches)
    {
        var groups = Groups(4, 8, 4, 12, 8);

        for (var mb = 0; mb < miniBatches; mb++)
        {
            var parts = Enumerable.Range(0, world).Select(r => ShareLayout.Of(groups, new DataParallelOptions(r, world)))
                .Select(layout => (Layout: layout, Part: layout.MiniBatch(mb, miniBatches))).ToList();

            var globalRows = parts.SelectMany(p => p.Part.Rows.Select(r => r + p.Layout.FirstRow)).ToList();
            Assert.Equal(Model.Grpo.GrpoUpdate.RowsOf(mb, miniBatches, 36), globalRows);
            Assert.Equal(1.0, parts.Sum(p => p.Part.Scale), 12);
        }
    }

    [Fact]
    public void With_more_learners_than_groups_some_rank_holds_nothing()
    {
        var layout = ShareLayout.Of(Groups(4, 4), new DataParallelOptions(0, 3));

        Assert.Equal(0, layout.Groups);
        Assert.Equal(0, layout.Rows);
        Assert.Empty(layout.MiniBatch(0, 1).Rows);
    }

    [Theory]
    [InlineData(0, 0, "learner.world")]
    [InlineData(2, 2, "learner.rank")]
    [InlineData(-1, 2, "learner.rank")]
    public void A_rank_outside_the_world_is_refused_naming_the_setting(int rank, int world, string setting)
    {
        var error = Assert.Throws<ArgumentException>(() => new DataParallelOptions(rank, world).Validate());

        Assert.StartsWith(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_exchange_timeout_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => new DataParallelOptions(0, 2, TimeSpan.Zero).Validate());

        Assert.StartsWith("learner.exchangeTimeout", error.Message, StringComparison.Ordinal);
    }
}
