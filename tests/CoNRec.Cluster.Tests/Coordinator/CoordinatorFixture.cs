using Akka.Actor;
using CoNRec.Cluster.Coordinator;
using CoNRec.Core.Coordination;
using CoNRec.Core.Curriculum;
using CoNRec.Core.Optimization;
using CoNRec.Core.Protocol;
using CoNRec.Core.Runs;
using CoNRec.Storage.Sqlite;
using Serilog.Core;

namespace CoNRec.Cluster.Tests.Coordinator;

/// <summary>
/// A coordinator's surroundings for actor tests: a SQLite run store in a temporary folder with the run created,
/// anchors that name themselves (anchor k of stage s is user 1000 s + k), and a two-stage plan of 8 samples per
/// stage, 2 groups x 2 anchors per step: 2 steps per stage, 4 in all.
/// </summary>
internal sealed class CoordinatorFixture : IAsyncDisposable
{
    sealed class CountingAnchors : IAnchorSource
    {
        public AnchorRef[] Take(int stageIndex, long position, int count) =>
            [.. Enumerable.Range(0, count).Select(i => new AnchorRef((int)(1000 * stageIndex + position + i), 0, 1, 0))];
    }

    public static readonly ArtifactRef Policy0 = new("file:///warmup/model.safetensors", "00", 1);

    CoordinatorFixture(string folder, SqliteRunStore store, RunId run) => (Folder, Store, Run) = (folder, store, run);

    public string Folder { get; }
    public SqliteRunStore Store { get; }
    public RunId Run { get; }
    public RunCompletion Completion { get; } = new();

    public static async Task<CoordinatorFixture> CreateAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "conrec-coordinator-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var store = await SqliteRunStore.OpenAsync(Path.Combine(folder, "runs.db"));
        var run = RunId.New(TimeProvider.System);
        await store.CreateRunAsync(new NewRun(run, "actor-test", "{}", 1));
        return new CoordinatorFixture(folder, store, run);
    }

    public CoordinatorPlan Plan(long leaseTimeoutMs = 60_000, int checkpointEvery = 100) => new(
        Run.Value,
        new CurriculumOptions
        {
            Stages = [new CurriculumStage(0, "grpo-1", StageContext.RecentNegatives, 8, 0.04), new CurriculumStage(1, "grpo-2", StageContext.Negatives, 8, 0.02)],
        },
        new LearningRateSchedule(1e-4, 0, 4),
        GroupsPerStep: 2, AnchorsPerGroup: 2, GroupSize: 2, LeaseTimeoutMs: leaseTimeoutMs, CheckpointEvery: checkpointEvery);

    public Props Coordinator(IActorRef learner, long leaseTimeoutMs = 60_000, TimeSpan? tick = null, CoordinatorCounters? counters = null, int groupAttempts = 5,
        JoinableRun? joinable = null) =>
        CoordinatorActor.Props(new CoordinatorSettings(Plan(leaseTimeoutMs), new CountingAnchors(), Store, _ => Policy0, Logger.None,
            TickInterval: tick ?? TimeSpan.FromMilliseconds(20), Learner: learner, Completion: Completion, Counters: counters, GroupAttempts: groupAttempts,
            Joinable: joinable));

    /// <summary>A sealed-looking checkpoint folder of the fixture (the coordinator only records and retires it).</summary>
    public ArtifactRef Checkpoint(long step)
    {
        var folder = Path.Combine(Folder, "checkpoints", $"step-{step}");
        Directory.CreateDirectory(folder);
        return new ArtifactRef(new Uri(folder).AbsoluteUri, $"{step:x2}", 10);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
