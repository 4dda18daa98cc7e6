using CoNRec.Cluster.DataPlane;
using CoNRec.Cluster.Devices;
using CoNRec.Cluster.Learner.DataParallel;
using CoNRec.Cluster.Tests.Roles;
using CoNRec.Core.Grpo;
using CoNRec.Core.Protocol;
using CoNRec.Model.Grpo;
using Serilog.Core;

namespace CoNRec.Cluster.Tests.Learner.DataParallel;

/// <summary>One learner's models on their own device thread, its own HTTP data plane and gradient folder.</summary>
internal sealed class DataParallelRank : IAsyncDisposable
{
    readonly DeviceThread _thread;
    readonly DataPlaneNode _node;
    readonly LearnerPhase _phase;
    readonly DataParallelLearner _learner;

    DataParallelRank(DeviceThread thread, DataPlaneNode node, LearnerPhase phase, DataParallelLearner learner) =>
        (_thread, _node, _phase, _learner) = (thread, node, phase, learner);

    /// <param name="grpo">Default: <see cref="DataParallelWorld.Grpo"/>.</param>
    /// <param name="mode">HTTP: each rank serves its own files; shared directory: file:// URIs.</param>
    public static async Task<DataParallelRank> StartAsync(TinyWorld world, int rank, IGradientRendezvous rendezvous, int worldSize = 2,
        GrpoOptions? grpo = null, DataPlaneMode mode = DataPlaneMode.Http)
    {
        var root = world.NewFolder($"rank{rank}");
        var node = await DataPlaneNode.StartAsync(new DataPlaneOptions
        {
            Mode = mode,
            Server = new ArtifactServerOptions { Root = root },
            Fetch = new ArtifactFetchOptions { CacheFolder = Path.Combine(root, "..", Path.GetFileName(root) + "-cache"), Attempts = 2, RetryDelay = TimeSpan.FromMilliseconds(10) },
        }, Logger.None);
        var thread = new DeviceThread($"learner-{rank}");
        var options = DataParallelWorld.Options(Path.Combine(root, "run")) with { Grpo = grpo ?? DataParallelWorld.Grpo };
        var phase = await thread.Run(() => DataParallelLearner.LoadPhase(world.Data, options));
        var learner = new DataParallelLearner(phase, world.Data, options, new DataParallelOptions(rank, worldSize, TimeSpan.FromSeconds(60)),
            node.Publisher, node.Fetcher, rendezvous);
        return new DataParallelRank(thread, node, phase, learner);
    }

    public string GradientFolder => _learner.GradientFolder;

    public Task<LearnResult> LearnAsync(LearnStep step) => _thread.Run(() => _learner.Learn(step));

    public Task<T> OnThread<T>(Func<LearnerPhase, T> work) => _thread.Run(() => work(_phase));

    public async ValueTask DisposeAsync()
    {
        await _thread.Run(() =>
        {
            _phase.Optimizer.Dispose();
            _phase.Policy.Dispose();
            _phase.Reference.Dispose();
            return 0;
        });
        _thread.Dispose();
        await _node.DisposeAsync();
    }
}
