using CoNRec.Cluster.Coordinator;
using CoNRec.Cluster.DataPlane;
using CoNRec.Cluster.Learner;
using CoNRec.Cluster.Roles;
using Serilog;

namespace CoNRec.Cluster.Hosting.Grpo;

/// <summary>
/// Where a GRPO run's actors live. <see cref="LocalGrpoHosting"/>: an ActorSystem of this process with every role,
/// started for the run and stopped after it (<c>conrec train</c>). <see cref="Jobs.DirectorGrpoHosting"/>: the
/// coordinator as a child of the cluster's run director, the learner and the workers on whichever nodes have those
/// roles (a run submitted with <c>conrec submit</c>).
/// </summary>
public interface IGrpoHosting
{
    /// <summary>True when learners are other nodes' hosts that must be told the run (<see cref="CoordinatorSettings.LearnerFolder"/>).</summary>
    bool AssignsLearners { get; }

    /// <summary>Runs the coordinator until the run completes (the outcome) or fails (the coordinator's error).</summary>
    /// <exception cref="OperationCanceledException">Cancelled: the run's actors are stopped before this returns.</exception>
    Task<RunOutcome> RunAsync(GrpoHostingRequest request, CancellationToken cancellationToken);
}

/// <summary>Everything a hosting needs: the coordinator's settings (with a <see cref="RunCompletion"/>), and for a
/// hosting that runs the other roles itself, the run's data, the learner's options and this node's data plane.</summary>
public sealed record GrpoHostingRequest(CoordinatorSettings Coordinator, RunCompletion Completion, GrpoData Data, LearnerOptions Learner,
    DataPlaneNode DataPlane, GrpoRunOptions Options, ILogger Log);
