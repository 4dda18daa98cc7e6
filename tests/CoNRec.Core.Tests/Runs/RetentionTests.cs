using CoNRec.Core.Runs;

namespace CoNRec.Core.Tests.Runs;

public sealed class RetentionTests
{
    static readonly RunId Run = RunId.Parse("run-20261126-ab12cd");

    static CheckpointRecord At(long step, double? metric = null, string? name = "fhr@20", bool deleted = false) =>
        new(CheckpointId.For(Run, step), Run, step, 1, new PolicyVersion(step), $"ckpt/{step}", "sha", 1, metric is null ? null : name, metric,
            false, DateTimeOffset.UnixEpoch, deleted);

    [Fact]
    public void Keeps_the_last_k_by_step_plus_the_best()
    {
        CheckpointRecord[] live = [At(50, 0.1), At(10, 0.2), At(20, 0.9), At(40, 0.3), At(30, 0.4)];

        var decision = Retention.Decide(live, new RetentionPolicy { KeepLast = 2 });

        Assert.Equal(CheckpointId.For(Run, 20), decision.Best);
        Assert.Equal([CheckpointId.For(Run, 10), CheckpointId.For(Run, 30)], decision.Retire);
    }

    [Fact]
    public void Minimising_picks_the_lowest_and_ties_go_to_the_earlier_step()
    {
        CheckpointRecord[] live = [At(10, 0.5), At(20, 0.2), At(30, 0.2), At(40, 0.9)];

        var decision = Retention.Decide(live, new RetentionPolicy { KeepLast = 1, Goal = MetricGoal.Minimize });

        Assert.Equal(CheckpointId.For(Run, 20), decision.Best);
        Assert.Equal([CheckpointId.For(Run, 10), CheckpointId.For(Run, 30)], decision.Retire);
    }

    [Fact]
    public void Without_metrics_only_the_last_k_survive()
    {
        CheckpointRecord[] live = [At(10), At(20), At(30)];

        var decision = Retention.Decide(live, new RetentionPolicy { KeepLast = 1 });

        Assert.Null(decision.Best);
        Assert.Equal([CheckpointId.For(Run, 10), CheckpointId.For(Run, 20)], decision.Retire);
    }

    [Fact]
    public void Nan_other_metrics_and_retired_rows_do_not_compete()
    {
        CheckpointRecord[] live = [At(10, double.NaN), At(20, 0.9, name: "loss"), At(30, 0.99, deleted: true), At(40, 0.3), At(50)];

        var decision = Retention.Decide(live, new RetentionPolicy { KeepLast = 1, MetricName = "fhr@20" });

        Assert.Equal(CheckpointId.For(Run, 40), decision.Best);
        Assert.Equal([CheckpointId.For(Run, 10), CheckpointId.For(Run, 20)], decision.Retire);
    }

    [Fact]
    public void Keeping_fewer_than_one_is_refused_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => Retention.Decide([], new RetentionPolicy { KeepLast = 0 }));

        Assert.StartsWith("checkpoint.keepLast", error.Message, StringComparison.Ordinal);
    }
}
