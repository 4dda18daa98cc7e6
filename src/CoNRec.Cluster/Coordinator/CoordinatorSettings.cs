using Akka.Actor;
using CoNRec.Cluster.DataPlane;
using CoNRec.Core.Coordination;
using CoNRec.Core.Protocol;
using CoNRec.Core.Runs;
using Serilog;

namespace CoNRec.Cluster.Coordinator;

/// <summary>What the coordinator singleton runs and with what.</summary>
/// <param name="Plan">The run's loop shape and curriculum; its RunId names a run already created in the store.</param>
/// <param name="Anchors">The stages' anchors in a fixed order (<see cref="SamplerAnchors"/>).</param>
/// <param name="PolicyOf">The data-plane reference of a policy version (version 0: the warm-up weights), for a
/// coordinator that starts from a committed checkpoint.</param>
/// <param name="Learner">A fixed learner (tests, or a learner on this node); null: the coordinator finds the
/// learner at /user/learner on cluster members with the learner role.</param>
/// <param name="Completion">Told when the run completes or fails; null: nobody in this process waits.</param>
/// <param name="Counters">Where the coordinator publishes its tally after every decision; null: nowhere.</param>
/// <param name="Progress">Told after each recorded step (in this process, from the coordinator's thread); null: nobody watches.</param>
/// <param name="DataPlane">This node's publisher, which says which retired checkpoints' files are this node's to
/// delete (<see cref="ArtifactPublisher.LocalPathOf"/>); null: a shared directory (file:// URIs).</param>
/// <param name="GroupAttempts">A group whose work fails this many times in one step fails the run with the last
/// reason: a failure every worker repeats (weights that do not match their published hash) would otherwise be
/// re-issued forever.</param>
/// <param name="Joinable">What nodes that join the cluster need to work for this run (<see cref="RunOffer"/>); null:
/// the coordinator does not answer <see cref="RunWanted"/>, only workers started with the run's data take part.</param>
/// <param name="LearnerFolder">A submitted run's GRPO folder on the cluster's shared runs volume: set, every learner
/// found is a <c>LearnerHost</c> that gets a <see cref="LearnerAssignment"/> (with <see cref="Joinable"/>'s inputs
/// and the committed checkpoint this coordinator starts from) before it learns, and losing the active learner
/// rewinds the coordinator to the latest committed checkpoint; null: the learner found already holds the run.</param>
/// <param name="Learners">Data-parallel learners of a submitted run (each learns its share of every step and they
/// average gradients over the data plane); more than one needs <see cref="LearnerFolder"/>.</param>
public sealed record CoordinatorSettings(
    CoordinatorPlan Plan,
    IAnchorSource Anchors,
    IRunStore Store,
    Func<long, ArtifactRef> PolicyOf,
    ILogger Logger,
    RetentionPolicy? Retention = null,
    TimeSpan? TickInterval = null,
    IActorRef? Learner = null,
    RunCompletion? Completion = null,
    IProgress<GrpoStepProgress>? Progress = null,
    TimeProvider? Time = null,
    int StoreAttempts = 8,
    CoordinatorCounters? Counters = null,
    ArtifactPublisher? DataPlane = null,
    int GroupAttempts = 5,
    JoinableRun? Joinable = null,
    string? LearnerFolder = null,
    int Learners = 1)
{
    public RunId RunId => RunId.Parse(Plan.RunId, "coordinator.runId");

    /// <summary>Lease deadlines are checked this often; default a quarter of the lease timeout, at most a second.</summary>
    public TimeSpan Tick => TickInterval ?? TimeSpan.FromMilliseconds(Math.Clamp(Plan.LeaseTimeoutMs / 4, 10, 1_000));

    public CoordinatorSettings Validate()
    {
        Plan.Validate();
        _ = RunId;
        (Retention ?? new RetentionPolicy()).Validate();
        if (Tick <= TimeSpan.Zero) throw new ArgumentException($"coordinator.tickInterval must be > 0 (got {Tick})");
        if (StoreAttempts < 1) throw new ArgumentException($"coordinator.storeAttempts must be >= 1 (got {StoreAttempts})");
        if (LearnerFolder is not null && Joinable is null) throw new ArgumentException("coordinator.learnerFolder needs the joinable run (its data) to assign learners");
        if (Learners < 1) throw new ArgumentException($"cluster.learners must be >= 1 (got {Learners})");
        if (Learners > 1 && LearnerFolder is null) throw new ArgumentException($"cluster.learners is {Learners}: data-parallel learners need a run submitted to a cluster (conrec submit)");
        if (GroupAttempts < 1) throw new ArgumentException($"coordinator.groupAttempts must be >= 1 (got {GroupAttempts})");
        return this;
    }
}

/// <summary>A run's inputs as a joining node reads them (<see cref="RunOffer"/>): the config JSON, the dataset file and the warm-up bundle.</summary>
public sealed record JoinableRun(string ConfigJson, string DatasetPath, string WarmupBundle);
