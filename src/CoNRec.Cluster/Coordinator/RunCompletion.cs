using CoNRec.Core.Runs;

namespace CoNRec.Cluster.Coordinator;

/// <summary>How a run ended: its steps, the final policy version and the last step's metrics.</summary>
public sealed record RunOutcome(RunId Run, long Steps, long PolicyVersion, IReadOnlyDictionary<string, double> FinalMetrics);

/// <summary>
/// Tells whoever started a run how it ended. In one process the starter awaits <see cref="Task"/>; across nodes
/// the run store's status (Completed / Failed) is what a launcher on another node reads.
/// </summary>
public sealed class RunCompletion
{
    readonly TaskCompletionSource<RunOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<RunOutcome> Task => _outcome.Task;

    public void Completed(RunOutcome outcome) => _outcome.TrySetResult(outcome);

    public void Failed(Exception error) => _outcome.TrySetException(error);
}
