namespace CoNRec.Core.Runs;

/// <summary>
/// A write that contradicts what the store already holds: a run id reused with other settings, a second
/// checkpoint for a step with other content, or a checkpoint older than the latest (a stale coordinator).
/// </summary>
public sealed class RunStoreConflictException(string message) : InvalidOperationException(message);
