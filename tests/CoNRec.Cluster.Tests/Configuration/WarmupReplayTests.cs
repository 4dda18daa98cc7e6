using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.Pipeline;

namespace CoNRec.Cluster.Tests.Configuration;

public sealed class WarmupReplayTests
{
    [Fact]
    public void Warmup_trains_next_negative_alone_by_default_and_with_alignment_when_replay_is_on()
    {
        Assert.Equal(SftTasks.NextNegative, new RunConfig().WarmupTasks);
        Assert.Equal(SftTasks.NextNegativeWithAlignment, new RunConfig { WarmupReplaysAlignment = true }.WarmupTasks);
    }

    [Fact]
    public void Turning_replay_on_changes_the_fingerprint_and_is_named_as_the_change()
    {
        var config = RunConfig.Demo();
        var replay = config with { WarmupReplaysAlignment = true };

        Assert.NotEqual(config.Fingerprint, replay.Fingerprint);
        Assert.Equal(["warmupReplaysAlignment"], ConfigFingerprint.ChangedSettings(config, replay));
    }
}
