using System.Globalization;
using CoNRec.Cluster.Serialization;
using CoNRec.Core.Protocol;
using MessagePack;
using Xunit.Abstractions;

namespace CoNRec.Cluster.Tests.Serialization;

/// <summary>
/// Realistic work messages stay far below Akka.Remote's default 128 KB frame. The sizes are printed, next to
/// what LZ4 would make of them (the measurement behind <see cref="ConrecMessagePack.Options"/>).
/// </summary>
public sealed class MessageSizeTests(ITestOutputHelper output)
{
    const int FrameBytes = 128_000;
    const int Anchors = 64;
    const int GroupSize = 8;
    const int Depth = 4;
    const int Rows = Anchors * GroupSize;
    static readonly WorkKey Key = new("run-20260101-000abc", 1234, 17);

    [Fact]
    public void A_lease_of_64_anchors_is_far_below_the_frame()
    {
        var lease = new RolloutLease(
            Key, 2, "recent-200", AnchorList(new Random(1)), GroupSize, 1.0, 987_654_321, 56,
            new ArtifactRef("file:///data/runs/run-20260101-000abc/policy/56/model.safetensors", new string('a', 64), 123_456_789), 1_767_225_600_000);

        var bytes = Measure("RolloutLease 64 anchors", lease);

        Assert.True(bytes < FrameBytes / 10, $"RolloutLease is {bytes} bytes");
    }

    [Fact]
    public void A_rollout_of_64_anchors_by_8_samples_by_4_tokens_is_far_below_the_frame()
    {
        var random = new Random(2);
        var done = new RolloutDone(
            Key, "rollout-node-a-0", 56, Depth, Tokens(random, Rows * Depth), LogProbs(random, Rows * Depth), ItemIds(random, Rows), 3.25);

        var bytes = Measure("RolloutDone 64x8x4", done);

        Assert.True(bytes < FrameBytes / 4, $"RolloutDone is {bytes} bytes");
    }

    [Fact]
    public void A_learn_step_of_one_such_group_fits_the_frame()
    {
        var random = new Random(3);
        var group = new ScoredGroup(
            17, AnchorList(random), Depth, Tokens(random, Rows * Depth), LogProbs(random, Rows * Depth), ItemIds(random, Rows),
            Floats(random, Rows), Floats(random, Rows));
        var step = new LearnStep("run-20260101-000abc", 1234, 2, "recent-200", 0.04, 1e-6, GroupSize, 56, [group]);

        var bytes = Measure("LearnStep 1 group 64x8x4", step);

        Assert.True(bytes < FrameBytes / 2, $"LearnStep is {bytes} bytes");
    }

    int Measure(string what, object message)
    {
        var plain = MessagePackSerializer.Serialize(message.GetType(), message, ConrecMessagePack.Options);
        var lz4 = MessagePackSerializer.Serialize(
            message.GetType(), message, ConrecMessagePack.Options.WithCompression(MessagePackCompression.Lz4BlockArray));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {plain.Length} bytes ({100.0 * plain.Length / FrameBytes:0.0}% of a 128 KB frame); LZ4 {lz4.Length} bytes"));
        return plain.Length;
    }

    static AnchorRef[] AnchorList(Random random) =>
        [.. Enumerable.Range(0, Anchors).Select(_ =>
        {
            var start = random.Next(0, 50_000_000);
            return new AnchorRef(random.Next(0, 2_000_000), start, start + random.Next(1, 500), 1_700_000_000L + random.Next(0, 60_000_000));
        })];

    // Semantic-id tokens: 4 levels of 256 codes after a few special tokens.
    static int[] Tokens(Random random, int count) => [.. Enumerable.Range(0, count).Select(i => 8 + (i % Depth) * 256 + random.Next(256))];

    static float[] LogProbs(Random random, int count) => [.. Enumerable.Range(0, count).Select(_ => (float)Math.Log(random.NextDouble() + 1e-6))];

    static int[] ItemIds(Random random, int count) => [.. Enumerable.Range(0, count).Select(_ => random.Next(0, 1_000_000))];

    static float[] Floats(Random random, int count) => [.. Enumerable.Range(0, count).Select(_ => (float)random.NextDouble())];
}
