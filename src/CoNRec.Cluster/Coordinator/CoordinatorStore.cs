using CoNRec.Cluster.DataPlane;
using CoNRec.Core.Coordination;
using CoNRec.Core.Runs;
using Serilog;

namespace CoNRec.Cluster.Coordinator;

/// <summary>Where a coordinator starts: the last committed step, its sampler state and policy version (all 0/null for a fresh run).</summary>
public sealed record StartPoint(long Step, string? SamplerState, long PolicyVersion);

/// <summary>
/// The coordinator's run-store I/O. Every write is idempotent in the store (steps by (run, step), checkpoints by
/// id, statuses by value), so a job that failed half-way is simply run again.
/// </summary>
/// <remarks>
/// Retiring a checkpoint deletes its files on the node that owns them, never through the data plane: a file://
/// URI is a path on the shared volume; an http:// URI is deleted only when <paramref name="dataPlane"/> recognises it
/// as this node's (its host and a path under the served root), which it is whenever the coordinator shares the
/// learner's node, as in a single-process run. Another node's URI is logged and its files are left where they are:
/// a learner on a node apart from the coordinator would have to retire its own files, which nothing asks it to yet.
/// </remarks>
public sealed class CoordinatorStore(IRunStore store, RunId run, CoordinatorPlan plan, RetentionPolicy retention, TimeProvider time,
    ArtifactPublisher dataPlane, ILogger log)
{
    /// <summary>
    /// Defines the stages, reads the latest committed cursor, discards steps recorded after it (they will be
    /// redone, and must count once) and marks the run Running.
    /// </summary>
    public async Task<StartPoint> OpenAsync(CancellationToken cancellationToken)
    {
        var record = await store.GetRunAsync(run, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"run {run} is not in the run store; create it first");
        await store.UpsertStagesAsync(run, [.. plan.Curriculum.Stages.Select(s => new StagePlan(s.Index, s.Name, $"grpo-{s.Index + 1}", s.Beta, s.SampleBudget))],
            cancellationToken).ConfigureAwait(false);
        var latest = record.LatestCheckpoint is null ? null : await store.GetLatestCheckpointAsync(run, cancellationToken).ConfigureAwait(false);
        var start = latest is null
            ? new StartPoint(0, null, 0)
            : new StartPoint(record.Cursor.Step, record.Cursor.RngState, latest.PolicyVersion.Value);
        await store.DiscardAfterAsync(run, start.Step, cancellationToken).ConfigureAwait(false);
        await store.UpdateRunStatusAsync(run, RunStatus.Running, cancellationToken).ConfigureAwait(false);
        return start;
    }

    /// <summary>Applies the store effects of one decision, in order.</summary>
    /// <param name="samplerPosition">Prompts handed out over all stages when the decision was taken (the cursor's).</param>
    public async Task ApplyAsync(IReadOnlyList<CoordinatorEffect> effects, long samplerPosition, CancellationToken cancellationToken)
    {
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case RecordStep step:
                    await store.RecordStepAsync(new StepRecord(run, step.Step, step.StageIndex, new PolicyVersion(step.PolicyVersion), step.Samples,
                        step.Metrics, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                    break;
                case StageTransition transition:
                    var status = transition.Started ? StageStatus.Running : StageStatus.Completed;
                    await store.SetStageStatusAsync(run, transition.StageIndex, status, cancellationToken).ConfigureAwait(false);
                    break;
                case CommitCheckpoint commit:
                    await CommitAsync(commit, samplerPosition, cancellationToken).ConfigureAwait(false);
                    break;
                case RunCompleted:
                    await store.UpdateRunStatusAsync(run, RunStatus.Completed, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    throw new ArgumentException($"{effect.GetType().Name} is not a run-store effect", nameof(effects));
            }
        }
    }

    public Task MarkFailedAsync(CancellationToken cancellationToken) => store.UpdateRunStatusAsync(run, RunStatus.Failed, cancellationToken);

    async Task CommitAsync(CommitCheckpoint commit, long samplerPosition, CancellationToken cancellationToken)
    {
        var checkpoint = new NewCheckpoint(CheckpointId.For(run, commit.Step), run, commit.Step, commit.StageIndex, new PolicyVersion(commit.PolicyVersion),
            commit.Checkpoint.Uri, commit.Checkpoint.Sha256, commit.Checkpoint.Bytes);
        var result = await store.CommitCheckpointAsync(checkpoint, new RunCursor(commit.StageIndex, commit.Step, samplerPosition, commit.SamplerState),
            retention, cancellationToken).ConfigureAwait(false);
        if (result.Retired.Count == 0) return;
        // Files go only after the commit that retired them; rows only after their files.
        foreach (var retired in result.Retired) Delete(retired.Uri);
        await store.ForgetCheckpointsAsync(run, [.. result.Retired.Select(r => r.Id)], cancellationToken).ConfigureAwait(false);
    }

    void Delete(string uri)
    {
        if (dataPlane.LocalPathOf(uri) is not { } path)
        {
            log.Warning("Retired checkpoint {Uri} is served by another node; only that node may delete its files, so they stay", uri);
            return;
        }
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        else if (File.Exists(path)) File.Delete(path);
    }
}
