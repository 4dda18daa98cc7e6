using System.Collections.Frozen;
using CoNRec.Core.Protocol;

namespace CoNRec.Cluster.Serialization;

/// <summary>
/// The wire names of the messages. A manifest, once released, names its message for good: renaming a class
/// keeps its manifest, so nodes of two versions still understand each other; a removed message's manifest
/// is never reused. Add a row for every new <see cref="IConrecMessage"/> (a test fails until you do).
/// </summary>
public static class ConrecManifests
{
    /// <summary>The table, in protocol order.</summary>
    public static IReadOnlyList<ManifestEntry> Entries { get; } =
    [
        // Rollout
        ManifestEntry.Of<RolloutWanted>("rw"),
        ManifestEntry.Of<RolloutLease>("rl"),
        ManifestEntry.Of<NoWork>("nw"),
        ManifestEntry.Of<RolloutDone>("rd"),
        ManifestEntry.Of<WorkReady>("wr"),
        // Reward
        ManifestEntry.Of<ScoringWanted>("sw"),
        ManifestEntry.Of<ScoringLease>("sl"),
        ManifestEntry.Of<ScoringDone>("sd"),
        // Learner
        ManifestEntry.Of<LearnStep>("ls"),
        ManifestEntry.Of<StepLearned>("ld"),
        ManifestEntry.Of<WriteCheckpoint>("wc"),
        ManifestEntry.Of<CheckpointWritten>("cw"),
        ManifestEntry.Of<WorkFailed>("wf"),
        ManifestEntry.Of<GradientPublished>("gp"),
        // Joining nodes
        ManifestEntry.Of<RunWanted>("rn"),
        ManifestEntry.Of<RunOffer>("ro"),
        // Learner hosts of submitted runs
        ManifestEntry.Of<LearnerAssignment>("la"),
        ManifestEntry.Of<LearnerReady>("lr"),
        ManifestEntry.Of<LearnerUnavailable>("lu"),
        // Jobs (conrec submit / cancel)
        ManifestEntry.Of<SubmitRun>("js"),
        ManifestEntry.Of<RunSubmitted>("jd"),
        ManifestEntry.Of<CancelRun>("jc"),
        ManifestEntry.Of<JobRefused>("jr"),
        ManifestEntry.Of<RunCancelling>("jx"),
    ];

    // ToFrozenDictionary throws on a duplicate type or manifest, so a bad table fails at first use.
    static readonly FrozenDictionary<Type, ManifestEntry> ByType = Entries.ToFrozenDictionary(e => e.Type);
    static readonly FrozenDictionary<string, ManifestEntry> ByManifest = Entries.ToFrozenDictionary(e => e.Manifest, StringComparer.Ordinal);

    /// <summary>The entry for a message type, if it has one.</summary>
    public static bool TryGet(Type type, out ManifestEntry entry) => ByType.TryGetValue(type, out entry!);

    /// <summary>The entry for a manifest, if it names a message.</summary>
    public static bool TryGet(string manifest, out ManifestEntry entry) => ByManifest.TryGetValue(manifest, out entry!);
}
