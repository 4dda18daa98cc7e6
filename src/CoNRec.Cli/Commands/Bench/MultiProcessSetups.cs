using System.Globalization;

namespace CoNRec.Cli.Commands.Bench;

/// <summary>
/// The two ways the bench trains one config: (a) <c>conrec train</c> alone, with its default local rollout and reward
/// workers; (b) <c>conrec train</c> hosting only the coordinator and learner, with <c>conrec node</c> processes joined
/// through its port doing the rollout and reward work. Every process runs until the run ends; the training process's
/// failure, or a node's exit before the run ends, fails the bench with the process's last lines.
/// </summary>
internal static class MultiProcessSetups
{
    public const string Single = "single";
    public const string Multi = "multi";

    /// <summary>The roles of each node: one node doing both, or one node per role.</summary>
    public static IReadOnlyList<string> NodeRoles(int nodes) => nodes == 1 ? ["rollout,reward"] : ["rollout", "reward"];

    /// <summary>The run folder of a setup's folder (which also holds the nodes' weight caches).</summary>
    public static string RunDir(string folder) => Path.Combine(folder, "run");

    public static async Task RunSingleAsync(string config, string folder, MultiProcessBenchOptions options, CancellationToken ct)
    {
        var runDir = RunDir(folder);
        using var train = ConrecChild.Start("train", ["train", "--config", config, "--run-dir", runDir, "--threads", Inv(options.SingleProcessThreads)]);
        await UntilTrainEndsAsync(train, [], ct);
    }

    public static async Task RunMultiAsync(string config, string folder, MultiProcessBenchOptions options, CancellationToken ct)
    {
        var runDir = RunDir(folder);
        // The training process takes the lowest port: with two members the split-brain resolver keeps the lower address.
        var port = LoopbackPorts.FreeAbove(20_000);
        var threads = Inv(MultiProcessBenchOptions.ThreadsPerProcess);
        using var train = ConrecChild.Start("train", ["train", "--config", config, "--run-dir", runDir, "--threads", threads,
            "--port", Inv(port), "--rollout-workers", "0", "--reward-workers", "0"]);
        var nodes = new List<ConrecChild>();
        try
        {
            var nodePort = port;
            foreach (var roles in NodeRoles(options.Nodes))
            {
                nodePort = LoopbackPorts.FreeAbove(nodePort);
                var cache = Path.Combine(folder, Inv($"node-cache-{nodes.Count + 1}"));
                nodes.Add(ConrecChild.Start($"node {roles}", ["node", "--roles", roles, "--seed", $"localhost:{Inv(port)}", "--port", Inv(nodePort),
                    "--cache-dir", cache, "--threads", threads]));
            }
            await UntilTrainEndsAsync(train, nodes, ct);
        }
        finally
        {
            // The run is complete (or failed): the nodes have nothing left to do.
            foreach (var node in nodes) node.Dispose();
        }
    }

    static async Task UntilTrainEndsAsync(ConrecChild train, IReadOnlyList<ConrecChild> nodes, CancellationToken ct)
    {
        var trainExit = train.WaitForExitAsync(ct);
        var nodeExits = nodes.Select(n => (Node: n, Exit: n.WaitForExitAsync(ct))).ToArray();
        var ended = await Task.WhenAny([trainExit, .. nodeExits.Select(n => n.Exit)]);
        await ended; // cancellation surfaces here
        // Ctrl-C on a terminal reaches the children too: their exit is then the bench's cancellation, not a failure.
        ct.ThrowIfCancellationRequested();
        if (ended != trainExit)
        {
            var node = nodeExits.First(n => n.Exit == ended).Node;
            throw new InvalidOperationException($"conrec {node.Name} exited {node.ExitCode} before the run ended:{Environment.NewLine}{node.Tail()}");
        }
        if (train.ExitCode != ExitCodes.Ok)
            throw new InvalidOperationException($"conrec {train.Name} exited {train.ExitCode}:{Environment.NewLine}{train.Tail()}");
    }

    static string Inv(int value) => value.ToString(CultureInfo.InvariantCulture);

    static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
