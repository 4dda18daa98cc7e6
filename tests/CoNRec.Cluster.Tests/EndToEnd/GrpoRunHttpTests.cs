using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.DataPlane;
using CoNRec.Cluster.Hosting;
using CoNRec.Cluster.Observability;
using CoNRec.Cluster.Roles;
using CoNRec.Cluster.Tests.Observability;
using CoNRec.Cluster.Tests.Roles;
using CoNRec.Core.Coordination;
using CoNRec.Core.Curriculum;
using CoNRec.Core.Grpo;
using CoNRec.Core.Optimization;
using CoNRec.Core.Runs;
using CoNRec.Model.Checkpoints;
using CoNRec.Model.Training;
using CoNRec.Storage.Sqlite;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace CoNRec.Cluster.Tests.EndToEnd;

/// <summary>
/// The run of <see cref="GrpoRunTests"/> (a cluster of one, a Tiny policy, two stages of two steps) with the HTTP data
/// plane: the learner's node serves the run folder on a free loopback port and the rollout workers fetch every new
/// policy version from it, as they would from another node.
/// </summary>
public sealed class GrpoRunHttpTests(TinyWorld world) : IClassFixture<TinyWorld>
{
    const string Published = "Learner published policy {PolicyVersion} as {Uri}";
    const string Fetched = "Rollout fetched policy {PolicyVersion} from {Uri}";
    const string FetchFailed = "Rollout could not fetch policy {PolicyVersion} from {Uri}: {Reason}; lease of step {Step} group {Group} fails and goes back to the coordinator";

    static readonly DataPlaneSection Http = new() { Mode = DataPlaneMode.Http, BindHost = "127.0.0.1" };

    static CoordinatorPlan Plan(RunId run) => new(
        run.Value,
        new CurriculumOptions
        {
            Stages = [new CurriculumStage(0, "grpo-1", StageContext.RecentNegatives, 8, 0.04), new CurriculumStage(1, "grpo-2", StageContext.Negatives, 8, 0.02)],
        },
        new LearningRateSchedule(1e-3, 0, 4),
        GroupsPerStep: 2, AnchorsPerGroup: 2, GroupSize: 4, Seed: 5, LeaseTimeoutMs: 30_000, CheckpointEvery: 3);

    static GrpoRunOptions Options(string folder, DataPlaneSection dataPlane) =>
        new(Path.Combine(folder, "run"), new GrpoOptions(), RolloutWorkers: 2, RewardWorkers: 2, Retention: new RetentionPolicy { KeepLast = 2 },
            Pull: new PullOptions(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(20)),
            Node: ClusterNodeOptions.SingleProcess with { HoconProfiles = ["testing"] }, DataPlane: dataPlane);

    static Logger DebugLogger(params ILogEventSink[] sinks) =>
        ConrecLogging.CreateLogger(new LoggingOptions { Console = false, MinimumLevel = LogEventLevel.Debug }, "test-node", null, null, writeTo =>
        {
            foreach (var sink in sinks) writeTo.Sink(sink);
        });

    [Fact]
    public async Task An_http_run_moves_every_policy_over_http_and_learns_bit_for_bit_what_a_shared_directory_run_learns()
    {
        var folder = world.NewFolder("e2e-http");
        await using var store = await SqliteRunStore.OpenAsync(Path.Combine(folder, "runs.db"));
        var sharedRun = RunId.New(TimeProvider.System);
        var httpRun = RunId.New(TimeProvider.System);
        var sharedOptions = Options(Path.Combine(folder, "shared"), new DataPlaneSection());
        var httpOptions = Options(Path.Combine(folder, "http"), Http);
        var events = new CollectingSink();
        using var logger = DebugLogger(events);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        var shared = await GrpoRun.RunAsync(world.Data, Plan(sharedRun), store, sharedOptions, Logger.None, timeout.Token);
        var http = await GrpoRun.RunAsync(world.Data, Plan(httpRun), store, httpOptions, logger, timeout.Token);

        var published = Versions(events, Published);
        var fetched = Versions(events, Fetched);
        var checkpoints = await store.ListCheckpointsAsync(httpRun);
        var cache = Path.Combine(httpOptions.RunFolder, DataPlaneSection.DefaultCacheFolder);
        var lastFetched = PolicyWeights.PathOf(httpOptions.RunFolder, 3);
        Assert.StartsWith("http://localhost:", http.Policy.Uri, StringComparison.Ordinal);
        Assert.StartsWith("file://", shared.Policy.Uri, StringComparison.Ordinal);
        Assert.Equal(shared.Policy.Sha256, http.Policy.Sha256);
        Assert.Equal([1L, 2, 3, 4], published.Select(p => p.Version));
        Assert.All(published, p => Assert.StartsWith("http://localhost:", p.Uri, StringComparison.Ordinal));
        // Step k + 1 rolls out with version k; both workers fetch each version they are leased over HTTP.
        Assert.Equal([1L, 2, 3], fetched.Select(f => f.Version).Distinct().Order());
        Assert.All(fetched, f => Assert.Equal(published.Single(p => p.Version == f.Version).Uri, f.Uri));
        // A replaced version's cached copy is dropped: the cache ends with the last version fetched.
        Assert.Equal([$"files/{AtomicFolder.Sha256Of(lastFetched)}/v3.safetensors"], CachedFiles(cache));
        Assert.True(File.Exists(PolicyWeights.PathOf(httpOptions.RunFolder, 0)));
        Assert.Equal([3L, 4], checkpoints.Select(c => c.Step));
        Assert.All(checkpoints, c => Assert.StartsWith("http://localhost:", c.Uri, StringComparison.Ordinal));
        Assert.False(Directory.Exists(TrainingCheckpoint.FolderFor(Path.Combine(httpOptions.RunFolder, "checkpoints"), 2)));
        await AssertSameStepsAsync(store, sharedRun, httpRun);
    }

    [Fact]
    public async Task A_policy_altered_after_publishing_fails_its_leases_naming_the_uri_and_then_fails_the_run()
    {
        var folder = world.NewFolder("e2e-http-tampered");
        await using var store = await SqliteRunStore.OpenAsync(Path.Combine(folder, "runs.db"));
        var run = RunId.New(TimeProvider.System);
        var options = Options(folder, Http);
        var events = new CollectingSink();
        // Runs in the learner's log call, after version 1 is written and before the coordinator hears of it.
        using var logger = DebugLogger(events, new TamperOnPublish(PolicyWeights.PathOf(Path.GetFullPath(options.RunFolder), 1)));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => GrpoRun.RunAsync(world.Data, Plan(run), store, options, logger, timeout.Token));

        var uri = Versions(events, Published).Single(p => p.Version == 1).Uri;
        var failures = Versions(events, FetchFailed);
        Assert.Contains(uri, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not match the published", error.Message, StringComparison.Ordinal);
        Assert.Contains("coordinator.groupAttempts", error.Message, StringComparison.Ordinal);
        // Every attempt (re-issued to either worker) was refused and logged with the URI; none loaded the bytes.
        Assert.True(failures.Count >= 5, $"{failures.Count} failed fetches logged");
        Assert.All(failures, f => Assert.Equal((1L, uri), f));
        Assert.Empty(Versions(events, Fetched));
        Assert.Equal([1L], (await store.GetStepsAsync(run)).Select(s => s.Step));
    }

    static async Task AssertSameStepsAsync(SqliteRunStore store, RunId expected, RunId actual)
    {
        var before = await store.GetStepsAsync(expected);
        var after = await store.GetStepsAsync(actual);
        Assert.Equal(before.Select(s => (s.Step, s.StageIndex, s.PolicyVersion, s.Samples)), after.Select(s => (s.Step, s.StageIndex, s.PolicyVersion, s.Samples)));
        for (var i = 0; i < before.Count; i++)
        {
            var expectedMetrics = ResultMetrics(before[i].Metrics);
            Assert.Contains("reward/mean", expectedMetrics.Keys);
            Assert.Contains("kl", expectedMetrics.Keys);
            // Bit for bit: the same doubles, not merely close ones.
            Assert.Equal(expectedMetrics, ResultMetrics(after[i].Metrics));
        }
    }

    /// <summary>The metrics that depend on what was learned, not on how long it took.</summary>
    static SortedDictionary<string, double> ResultMetrics(IReadOnlyDictionary<string, double> metrics) =>
        new(metrics.Where(m => !m.Key.StartsWith("timing_s/", StringComparison.Ordinal) && !m.Key.EndsWith("_per_s", StringComparison.Ordinal))
            .ToDictionary(m => m.Key, m => m.Value), StringComparer.Ordinal);

    static List<(long Version, string Uri)> Versions(CollectingSink events, string template) =>
        [.. events.Events.Where(e => e.MessageTemplate.Text == template)
            .Select(e => ((long)((ScalarValue)e.Properties["PolicyVersion"]).Value!, (string)((ScalarValue)e.Properties["Uri"]).Value!))];

    static string[] CachedFiles(string cache) => Directory.Exists(cache)
        ? [.. Directory.GetFiles(cache, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(cache, f).Replace('\\', '/')).Order(StringComparer.Ordinal)]
        : [];

    /// <summary>Flips one byte of a published policy file when the learner logs that it published it (same size, other hash).</summary>
    sealed class TamperOnPublish(string path) : ILogEventSink
    {
        public void Emit(LogEvent logEvent)
        {
            if (logEvent.MessageTemplate.Text != Published || !File.Exists(path)) return;
            if ((long)((ScalarValue)logEvent.Properties["PolicyVersion"]).Value! != 1) return;
            using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
            file.Seek(-1, SeekOrigin.End);
            var last = file.ReadByte();
            file.Seek(-1, SeekOrigin.End);
            file.WriteByte((byte)(last ^ 0xFF));
        }
    }
}
