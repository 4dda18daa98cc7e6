using System.Diagnostics;
using Akka.Hosting;
using CoNRec.Cluster.Coordinator;
using CoNRec.Cluster.Hosting;
using CoNRec.Cluster.Roles;
using CoNRec.Core.Coordination;
using CoNRec.Core.Curriculum;
using CoNRec.Core.Optimization;
using CoNRec.Core.Protocol;
using CoNRec.Core.Runs;
using Serilog;

namespace CoNRec.Cluster.Benchmarks.Capacity;

/// <summary>The figures of one worker count, over the timed window.</summary>
/// <param name="Measured">The coordinator's own tally over the window (the difference of two readings).</param>
/// <param name="HandOffSeconds">Of <see cref="Seconds"/>, the time between a step sent to the learner and the next
/// step's first lease (<see cref="CoordinatorCounters.HandOff"/>).</param>
/// <param name="StepsInStore">Steps of the point's run recorded in the run store when it stopped.</param>
public sealed record CapacityPoint(int Workers, int RolloutWorkers, int RewardWorkers, double Seconds, CoordinatorTally Measured, double HandOffSeconds,
    long StepsInStore)
{
    public double HandOffShare => HandOffSeconds / Seconds;
    public double LeasesPerSecond => Measured.Leases / Seconds;
    public double ResultsPerSecond => Measured.ResultsAccepted / Seconds;
    public double RolloutsPerSecond => Measured.RolloutsAccepted / Seconds;
    public double ScoresPerSecond => Measured.ScoresAccepted / Seconds;
    public double StepsPerSecond => Measured.StepsLearned / Seconds;

    /// <summary>
    /// One point: a fresh run in <paramref name="store"/>, a fresh single-node ActorSystem with the production settings
    /// (hocon/serialization.conf only) hosting the coordinator as a cluster singleton, the simulated learner at
    /// /user/learner and the workers, which reach the coordinator through its singleton proxy as real workers do.
    /// </summary>
    public static async Task<CapacityPoint> RunAsync(CoordinatorCapacityOptions options, int workers, IRunStore store, string folder, ILogger logger,
        CancellationToken ct)
    {
        var run = RunId.New(TimeProvider.System);
        await store.CreateRunAsync(new NewRun(run, "coordinator-capacity", "{}", options.Seed), ct).ConfigureAwait(false);
        var counters = new CoordinatorCounters();
        var settings = new CoordinatorSettings(PlanOf(options, run), new NumberedAnchors(), store, v => new ArtifactRef($"sim://policy/{v}", "00", 0), logger,
            Counters: counters);
        var rollout = (workers + 1) / 2;
        var reward = workers - rollout;

        CoordinatorTally first, last;
        TimeSpan handOff;
        double seconds;
        var node = await AkkaNode.StartAsync(b => b
            .WithConrecNode(ClusterNodeOptions.SingleProcess)
            // Akka's own stdout logger speaks at shutdown, between the benchmark's lines.
            .AddHocon("akka { loglevel = WARNING, stdout-loglevel = WARNING }", HoconAddMode.Prepend)
            .AddCoordinatorRole(settings)
            .WithActors((system, registry) =>
            {
                system.ActorOf(SimulatedLearner.Props(folder), ActorNames.Learner);
                var coordinator = registry.Get<CoordinatorKey>();
                for (var i = 1; i <= rollout; i++) system.ActorOf(SimulatedRolloutWorker.Props(coordinator, options.Depth, logger), ActorNames.RolloutWorker(i));
                for (var i = 1; i <= reward; i++) system.ActorOf(SimulatedRewardWorker.Props(coordinator, logger), ActorNames.RewardWorker(i));
            }), ct).ConfigureAwait(false);
        await using (node.ConfigureAwait(false))
        {
            await StartedAsync(counters, node.Stopped, ct).ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds), ct).ConfigureAwait(false);
            first = counters.Read();
            handOff = counters.HandOff;
            var start = Stopwatch.GetTimestamp();
            await Task.Delay(TimeSpan.FromSeconds(options.Seconds), ct).ConfigureAwait(false);
            last = counters.Read();
            handOff = counters.HandOff - handOff;
            seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        var steps = await store.GetStepsAsync(run, 0, ct).ConfigureAwait(false);
        return new CapacityPoint(workers, rollout, reward, seconds, Minus(last, first), handOff.TotalSeconds, steps.Count);
    }

    /// <summary>One stage that outlasts any point, one prompt per group, no checkpoint while it runs.</summary>
    static CoordinatorPlan PlanOf(CoordinatorCapacityOptions options, RunId run) => new(
        run.Value,
        new CurriculumOptions { Stages = [new CurriculumStage(0, "grpo-1", StageContext.Negatives, 1_000_000_000, 0.04)] },
        new LearningRateSchedule(1e-4, 0, 1_000_000, MinRatio: 1),
        GroupsPerStep: options.GroupsPerStep, AnchorsPerGroup: 1, GroupSize: options.GroupSize, Seed: options.Seed, CheckpointEvery: int.MaxValue);

    /// <summary>Waits for the first accepted result: the singleton is up, the run opened and the workers pulling.</summary>
    static async Task StartedAsync(CoordinatorCounters counters, CancellationToken stopped, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 60;
        while (counters.Read().ResultsAccepted == 0)
        {
            if (stopped.IsCancellationRequested) throw new InvalidOperationException("the actor system stopped before the coordinator accepted a result");
            if (Stopwatch.GetTimestamp() > deadline) throw new TimeoutException("the coordinator accepted no result within 60 s of the node's start");
            await Task.Delay(20, ct).ConfigureAwait(false);
        }
    }

    static CoordinatorTally Minus(CoordinatorTally a, CoordinatorTally b) => new(a.RolloutLeases - b.RolloutLeases, a.ScoringLeases - b.ScoringLeases,
        a.RolloutsAccepted - b.RolloutsAccepted, a.ScoresAccepted - b.ScoresAccepted, a.LeasesReleased - b.LeasesReleased, a.StepsLearned - b.StepsLearned);

    /// <summary>Anchor k is user k: the coordinator takes anchors as it would from a sampler, without a dataset.</summary>
    sealed class NumberedAnchors : IAnchorSource
    {
        public AnchorRef[] Take(int stageIndex, long position, int count)
        {
            var anchors = new AnchorRef[count];
            for (var i = 0; i < count; i++) anchors[i] = new AnchorRef((int)((position + i) % int.MaxValue), 0, 1, 0);
            return anchors;
        }
    }
}
