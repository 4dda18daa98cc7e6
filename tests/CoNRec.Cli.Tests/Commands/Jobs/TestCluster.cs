using System.Globalization;
using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.Pipeline;
using CoNRec.Core.Runs;
using CoNRec.Storage;
using CoNRec.Storage.Tests.Postgres;

namespace CoNRec.Cli.Tests.Commands.Jobs;

/// <summary>
/// A cluster of <c>conrec node</c> processes on loopback, sharing a runs folder and a schema of the test PostgreSQL
/// server: the first node joins itself, the others join through the first two. Every process is stopped on dispose.
/// </summary>
internal sealed class TestCluster : IAsyncDisposable
{
    readonly List<(ConrecProcess Process, int Port, string Roles)> _nodes = [];
    readonly Dictionary<string, string> _environment;
    readonly TempFolder _temp = new();

    TestCluster(string storeUrl, StoreLocation location, string password)
    {
        (StoreUrl, Location) = (storeUrl, location);
        _environment = new() { [StoreLocation.PasswordVariable] = password };
        RunsFolder = _temp.PathOf("runs");
        Directory.CreateDirectory(RunsFolder);
    }

    public string StoreUrl { get; }

    public StoreLocation Location { get; }

    public string RunsFolder { get; }

    public static async Task<TestCluster> CreateAsync(PostgresServerFixture server)
    {
        var url = await server.CreateStoreUrlAsync();
        var location = StoreLocation.Parse(url, environment: name => name == StoreLocation.PasswordVariable ? server.Password : null);
        await MigrationRunner.ApplyAsync(location);
        return new TestCluster(url, location, server.Password);
    }

    /// <summary>Starts a node with these roles (comma-separated), with further flags and variables if given; returns its index.</summary>
    public int Start(string roles, IReadOnlyList<string>? extraArgs = null, IReadOnlyDictionary<string, string>? extraEnvironment = null)
    {
        var port = LoopbackPorts.FreeAbove(_nodes.Count == 0 ? 20_000 : _nodes.Max(n => n.Port));
        var seeds = _nodes.Count == 0 ? [port] : _nodes.Take(2).Select(n => n.Port).ToArray();
        List<string> args = ["node", "--roles", roles, "--port", Inv(port), "--threads", "1", "--store", StoreUrl, "--runs-dir", RunsFolder];
        foreach (var seed in seeds) args.AddRange(["--seed", $"localhost:{Inv(seed)}"]);
        args.AddRange(extraArgs ?? []);
        var environment = new Dictionary<string, string>(_environment);
        foreach (var (name, value) in extraEnvironment ?? new Dictionary<string, string>()) environment[name] = value;
        _nodes.Add((ConrecProcess.Start(environment, [.. args]), port, roles));
        return _nodes.Count - 1;
    }

    public ConrecProcess this[int index] => _nodes[index].Process;

    /// <summary>HOST:PORT of a node, for <c>conrec submit --cluster</c>.</summary>
    public string Address(int index) => $"localhost:{Inv(_nodes[index].Port)}";

    /// <summary>
    /// Waits until node 0 sees every node started so far up: a member still joining does not count for the split-brain
    /// resolver's majority, so a node lost before then can take the survivors down with it.
    /// </summary>
    public async Task UntilAllUpAsync(TimeSpan deadline)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var expected = $"; {Inv(_nodes.Count)} members up";
        while (!_nodes[0].Process.ErrorContains(expected))
        {
            if (clock.Elapsed > deadline) Assert.Fail($"the cluster did not reach {_nodes.Count} members up within {deadline}\n{this}");
            if (_nodes[0].Process.HasExited) Assert.Fail($"node 0 exited\n{this}");
            await Task.Delay(100);
        }
    }

    /// <summary><c>conrec submit</c> of the config to node 0; returns the run's id.</summary>
    public async Task<RunId> SubmitAsync(RunConfig config)
    {
        var path = _temp.PathOf($"{config.Name}.json");
        RunConfigFile.Save(config, path);
        var result = await Conrec.RunOkAsync("submit", "--config", path, "--cluster", Address(0), "--timeout", "60");
        return RunId.Parse(result.Out.Trim(), "conrec submit's output");
    }

    public string FolderOf(RunId run) => Path.Combine(RunsFolder, run.Value);

    /// <summary>The run's rows (the pipeline's and its GRPO run's) as the store holds them now.</summary>
    public Task<RunState> ReadAsync(RunId run) => ChildRuns.ReadAsync(FolderOf(run), Location);

    /// <summary>Reads the store every 100 ms until <paramref name="done"/> accepts; fails the test with every node's output after the deadline.</summary>
    public async Task<RunState> UntilAsync(RunId run, Func<RunState, bool> done, TimeSpan deadline, string waitingFor)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (TrainingPipeline.Manifest(FolderOf(run)) is not null)
            {
                var state = await TryReadAsync(run);
                if (state is not null && done(state)) return state;
            }
            if (clock.Elapsed > deadline) Assert.Fail($"no {waitingFor} within {deadline}\n{this}");
            await Task.Delay(100);
        }
    }

    async Task<RunState?> TryReadAsync(RunId run)
    {
        var state = await ReadAsync(run);
        // Null until the pipeline reaches GRPO and creates that run's row.
        return state.Grpo is null ? null : state;
    }

    public override string ToString() => string.Join("\n", _nodes.Select((n, i) => $"=== node {i} ({n.Roles}, port {n.Port}) ===\n{n.Process}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var (process, _, _) in _nodes)
            if (!process.HasExited) process.Terminate();
        foreach (var (process, _, _) in _nodes)
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                while (!process.HasExited) await Task.Delay(100, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                // Dispose kills what did not stop.
            }
            process.Dispose();
        }
        _temp.Dispose();
    }

    static string Inv(int value) => value.ToString(CultureInfo.InvariantCulture);
}
