using Akka.Actor;
using CoNRec.Cluster.Coordinator;
using CoNRec.Cluster.Hosting.Grpo;

namespace CoNRec.Cluster.Hosting.Jobs;

/// <summary>
/// A submitted run's GRPO stage on the cluster: its coordinator is the <see cref="RunDirector"/>'s child, its learner
/// the learner host the coordinator assigns, its workers those of <c>conrec node</c> processes with the rollout and
/// reward roles. Nothing is started in this process but the coordinator.
/// </summary>
public sealed class DirectorGrpoHosting(IActorRef director) : IGrpoHosting
{
    static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    public bool AssignsLearners => true;

    public async Task<RunOutcome> RunAsync(GrpoHostingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        director.Tell(new HostCoordinator(request.Coordinator with { Completion = request.Completion }));
        try
        {
            return await request.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped before the caller marks the run cancelled, so that no coordinator write overtakes the mark.
            await director.Ask<CoordinatorStopped>(new StopCoordinator(request.Coordinator.RunId), StopTimeout, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}
