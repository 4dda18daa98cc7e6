using CoNRec.Cluster.DataPlane;
using CoNRec.Cluster.Devices;
using CoNRec.Cluster.Learner;
using CoNRec.Cluster.Learner.DataParallel;
using CoNRec.Cluster.Roles;
using CoNRec.Cluster.Tests.Roles;
using CoNRec.Core.Grpo;
using CoNRec.Core.Protocol;
using CoNRec.Model.Checkpoints;
using CoNRec.Model.Grpo;
using Serilog.Core;
using Xunit.Abstractions;

namespace CoNRec.Cluster.Tests.Learner.DataParallel;

public sealed class DataParallelLearnerTests(TinyWorld world, ITestOutputHelper output) : IClassFixture<TinyWorld>
{
    /// <summary>
    /// The shares' gradients sum to the whole batch's up to fp32 rounding (other summation order, a scaled loss, other
    /// padding widths), and AdamW's first steps move each weight by about the learning rate (1e-3) whatever the
    /// gradient's size, so rounding can reach the weights at a small fraction of it: 12 updates stay within 1e-5.
    /// </summary>
    const float Tolerance = 1e-5f;

    [Fact]
    public async Task Two_learners_over_http_hold_byte_identical_weights_after_three_steps_equal_to_one_learner_on_the_whole_batch()
    {
        var steps = DataParallelWorld.Steps(world, 3);
        var single = world.NewFolder("single");
        var singleResults = new List<StepLearned>();
        using (var engine = LearnerEngine.Load(world.Data, DataParallelWorld.Options(single)))
            foreach (var step in steps) singleResults.Add(engine.Learn(step));
        var announced = new List<GradientPublished>();
        var rendezvous = new InProcessRendezvous(2) { Rewrite = m => { lock (announced) announced.Add(m); return m; } };

        await using var rank0 = await DataParallelRank.StartAsync(world, 0, rendezvous);
        await using var rank1 = await DataParallelRank.StartAsync(world, 1, rendezvous);
        var results = new List<LearnResult[]>();
        foreach (var step in steps)
            results.Add(await Task.WhenAll(rank0.LearnAsync(step), rank1.LearnAsync(step)));

        var weights0 = await rank0.OnThread(DataParallelWorld.Weights);
        var weights1 = await rank1.OnThread(DataParallelWorld.Weights);
        var values = await rank0.OnThread(DataParallelWorld.Values);
        var expected = SafeTensors.Read(PolicyWeights.PathOf(single, 3));
        var warmup = await rank0.OnThread(p => p.Reference.named_parameters().ToDictionary(x => x.name, x => x.parameter.detach().cpu().clone()));
        Assert.Equal(weights0.Select(w => w.Name), weights1.Select(w => w.Name));
        Assert.All(weights0.Zip(weights1), pair => Assert.True(pair.First.Bytes.AsSpan().SequenceEqual(pair.Second.Bytes), $"{pair.First.Name} differs between the ranks"));
        var difference = MaxDifference(values, expected);
        var moved = MaxDifference(values, warmup);
        output.WriteLine($"largest |data-parallel - single| {difference:E2}, largest move from the warm-up {moved:E2}");
        Assert.InRange(difference, 0, Tolerance);
        Assert.True(moved > 100 * Tolerance, "three steps must move the weights well beyond the tolerance");
        Assert.All(results, r => Assert.Equal(r[0], r[1]));
        Assert.All(results.Zip(singleResults), pair => SameMetrics(pair.Second.Metrics, pair.First[0].Metrics()));
        Assert.Equal(3 * 4 * 2, announced.Count);
        Assert.All(announced, m => Assert.StartsWith("http://127.0.0.1:", m.Gradient.Uri, StringComparison.Ordinal));
        output.WriteLine($"gradient files of {announced.Min(m => m.Gradient.Bytes)} to {announced.Max(m => m.Gradient.Bytes)} bytes, {announced.Count} exchanged");
    }

    [Fact]
    public async Task A_learner_in_a_world_of_one_takes_byte_for_byte_the_single_learners_steps()
    {
        var steps = DataParallelWorld.Steps(world, 3);
        var single = world.NewFolder("single-alone");
        using (var engine = LearnerEngine.Load(world.Data, DataParallelWorld.Options(single)))
            foreach (var step in steps) engine.Learn(step);

        await using var alone = await DataParallelRank.StartAsync(world, 0, new InProcessRendezvous(1), worldSize: 1, mode: DataPlaneMode.SharedDirectory);
        foreach (var step in steps) await alone.LearnAsync(step);

        var weights = await alone.OnThread(DataParallelWorld.Weights);
        var expected = SafeTensors.Read(PolicyWeights.PathOf(single, 3));
        Assert.All(weights, w => Assert.True(w.Bytes.AsSpan().SequenceEqual(expected[w.Name].bytes), $"{w.Name} differs from the single learner's"));
    }

    [Theory]
    [InlineData(LossAggregation.TokenMean)]
    [InlineData(LossAggregation.SeqMeanTokenMean)]
    [InlineData(LossAggregation.DrGrpo)]
    public async Task Every_loss_aggregation_splits_into_shares_whose_sum_is_the_whole_batchs_step(LossAggregation aggregation)
    {
        var grpo = DataParallelWorld.Grpo with { LossAggregation = aggregation, Epochs = 1 };
        var step = DataParallelWorld.Steps(world, 1)[0];
        var single = world.NewFolder("single-" + aggregation);
        StepLearned expectedStep;
        using (var engine = LearnerEngine.Load(world.Data, DataParallelWorld.Options(single) with { Grpo = grpo }))
            expectedStep = engine.Learn(step);
        var rendezvous = new InProcessRendezvous(2);

        await using var rank0 = await DataParallelRank.StartAsync(world, 0, rendezvous, grpo: grpo, mode: DataPlaneMode.SharedDirectory);
        await using var rank1 = await DataParallelRank.StartAsync(world, 1, rendezvous, grpo: grpo, mode: DataPlaneMode.SharedDirectory);
        var learned = await Task.WhenAll(rank0.LearnAsync(step), rank1.LearnAsync(step));

        var values = await rank0.OnThread(DataParallelWorld.Values);
        Assert.InRange(MaxDifference(values, SafeTensors.Read(PolicyWeights.PathOf(single, 1))), 0, Tolerance);
        Assert.Equal(learned[0], learned[1]);
        SameMetrics(expectedStep.Metrics, learned[0].Metrics());
    }

    [Fact]
    public async Task A_learner_whose_share_is_empty_still_exchanges_and_takes_the_same_steps()
    {
        var steps = DataParallelWorld.Steps(world, 2, groups: 1);
        var single = world.NewFolder("single-one-group");
        using (var engine = LearnerEngine.Load(world.Data, DataParallelWorld.Options(single)))
            foreach (var step in steps) engine.Learn(step);
        var rendezvous = new InProcessRendezvous(2);

        await using var rank0 = await DataParallelRank.StartAsync(world, 0, rendezvous, mode: DataPlaneMode.SharedDirectory);
        await using var rank1 = await DataParallelRank.StartAsync(world, 1, rendezvous, mode: DataPlaneMode.SharedDirectory);
        foreach (var step in steps) await Task.WhenAll(rank0.LearnAsync(step), rank1.LearnAsync(step));

        var weights0 = await rank0.OnThread(DataParallelWorld.Weights);
        var weights1 = await rank1.OnThread(DataParallelWorld.Weights);
        var expected = SafeTensors.Read(PolicyWeights.PathOf(single, 2));
        Assert.All(weights0.Zip(weights1), pair => Assert.True(pair.First.Bytes.AsSpan().SequenceEqual(pair.Second.Bytes), $"{pair.First.Name} differs between the ranks"));
        Assert.All(weights0, w => Assert.True(w.Bytes.AsSpan().SequenceEqual(expected[w.Name].bytes), $"{w.Name} differs from the single learner's"));
    }

    /// <summary>The learner's metrics agree with the single learner's up to fp32 rounding of sums taken in another order.</summary>
    static void SameMetrics(Dictionary<string, double> single, Dictionary<string, double> dataParallel)
    {
        Assert.Equal(single.Keys.Intersect(dataParallel.Keys).Count(), dataParallel.Count);
        Assert.All(dataParallel, m => Assert.True(Math.Abs(m.Value - single[m.Key]) <= 1e-5 * Math.Max(1, Math.Abs(single[m.Key])),
            $"{m.Key}: data-parallel {m.Value}, single {single[m.Key]}"));
    }

    static float MaxDifference(List<(string Name, float[] Values)> values, Dictionary<string, TorchSharp.torch.Tensor> other) =>
        values.Max(v => v.Values.Zip(other[v.Name].data<float>().ToArray(), (a, b) => Math.Abs(a - b)).Max());
}
