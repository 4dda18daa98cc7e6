using CoNRec.Cluster.Coordinator;

namespace CoNRec.Cluster.Hosting.Grpo;

/// <summary>
/// A cluster of this process for the run: an ActorSystem with every role (the coordinator as a cluster singleton, the
/// learner, the rollout and reward workers), joinable by <c>conrec node</c> workers when the run is, and shut down
/// (leaving the cluster, handing the singleton over) when the run ends or is cancelled.
/// </summary>
public sealed class LocalGrpoHosting : IGrpoHosting
{
    public static LocalGrpoHosting Instance { get; } = new();

    public bool AssignsLearners => false;

    public async Task<RunOutcome> RunAsync(GrpoHostingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = request.Options;
        var publisher = request.DataPlane.Publisher;
        var node = await AkkaNode.StartAsync(b => b
            .WithConrecNode(options.ClusterNode)
            .AddCoordinatorRole(request.Coordinator)
            .AddLearnerRole(request.Data, request.Learner, request.Log, publisher)
            .AddRolloutRole(request.Data, request.Log, options.RolloutWorkers, options.Device, options.Pull, request.DataPlane.Fetcher)
            .AddRewardRole(request.Data, request.Log, options.RewardWorkers, options.Pull), cancellationToken).ConfigureAwait(false);
        await using (node.ConfigureAwait(false))
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, node.Stopped);
            try
            {
                return await request.Completion.Task.WaitAsync(either.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException($"run {request.Coordinator.RunId} did not finish: the actor system stopped");
            }
        }
    }
}
