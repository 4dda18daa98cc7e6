using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.DataPlane;
using CoNRec.Core.Runs;
using CoNRec.Storage.Tests.Postgres;

namespace CoNRec.Cli.Tests.Commands.Jobs;

/// <summary><c>conrec submit</c> and <c>conrec cancel</c> against a real one-node cluster, and their refusals.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SubmitCancelTests(PostgresServerFixture server)
{
    static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    /// <summary>Long enough to be cancelled mid-GRPO: 3 stages of 200 steps.</summary>
    static RunConfig Long(string name) => ChildRuns.ThreeGrpoStages(name, 200, g => g with { CheckpointEvery = 5 });

    [Fact]
    public async Task Submitted_runs_wait_their_turn_and_cancel_stops_the_running_one_and_the_waiting_one()
    {
        await using var cluster = await TestCluster.CreateAsync(server);
        cluster.Start("coordinator,learner,rollout,reward");

        var first = await cluster.SubmitAsync(Long("first"));
        var second = await cluster.SubmitAsync(Long("second"));
        await cluster.UntilAsync(first, s => s.Steps.Count >= 2, Deadline, "GRPO steps of the first run");
        var waiting = await Conrec.RunOkAsync("cancel", second.Value, "--cluster", cluster.Address(0));
        var running = await Conrec.RunOkAsync("cancel", first.Value, "--cluster", cluster.Address(0));
        var cancelled = await cluster.UntilAsync(first, s => s.Pipeline.Status == RunStatus.Cancelled, Deadline, "the first run cancelled");
        var unknown = await Conrec.RunAsync("cancel", "run-20200101-000000", "--cluster", cluster.Address(0));

        Assert.Contains("cancelled (it was waiting)", waiting.Out, StringComparison.Ordinal);
        Assert.Contains("stopping (it was running)", running.Out, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Cancelled, cancelled.Grpo.Status);
        Assert.InRange(cancelled.Steps.Count, 2, 3 * 200 - 1);
        Assert.Equal(RunStatus.Cancelled, (await cluster.ReadAsync(second)).Pipeline.Status);
        Assert.Equal(ExitCodes.BadInput, unknown.ExitCode);
        Assert.Contains("no run run-20200101-000000 was submitted to this cluster", unknown.Error, StringComparison.Ordinal);
        Assert.False(cluster[0].HasExited, $"the node stopped\n{cluster}");
        // The store's password reaches the node through CONREC_STORE_PASSWORD and nowhere else: not its log, not a run's config.
        Assert.DoesNotContain(server.Password, cluster.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(server.Password, await File.ReadAllTextAsync(Path.Combine(cluster.FolderOf(first), "config.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_config_the_cluster_cannot_run_is_refused_naming_the_setting()
    {
        await using var cluster = await TestCluster.CreateAsync(server);
        cluster.Start("coordinator");
        using var temp = new TempFolder();
        var path = temp.PathOf("http.json");
        RunConfigFile.Save(Long("http") with { DataPlane = new DataPlaneSection { Mode = DataPlaneMode.Http } }, path);

        var result = await Conrec.RunAsync("submit", "--config", path, "--cluster", cluster.Address(0), "--timeout", "60");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("the cluster refused", result.Error, StringComparison.Ordinal);
        Assert.Contains("dataPlane.mode", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(cluster.RunsFolder));
    }

    [Fact]
    public async Task Submitting_to_an_address_where_no_cluster_listens_fails_naming_it()
    {
        using var temp = new TempFolder();
        var path = temp.PathOf("nowhere.json");
        RunConfigFile.Save(Long("nowhere"), path);
        var port = LoopbackPorts.FreeAbove(30_000);

        var result = await Conrec.RunAsync("submit", "--config", path, "--cluster", $"localhost:{port}", "--timeout", "3");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains($"no answer from the cluster at localhost:{port} within 3 s", result.Error, StringComparison.Ordinal);
    }
}
