using CoNRec.Core.Runs;

namespace CoNRec.Storage;

static class CheckpointCommits
{
    /// <summary>Whether a stored row is the very checkpoint being committed (so a repeated commit is a no-op).</summary>
    public static bool IsSame(CheckpointRecord stored, NewCheckpoint checkpoint) =>
        stored.Id == checkpoint.Id
        && stored.Run == checkpoint.Run
        && stored.Step == checkpoint.Step
        && string.Equals(stored.Sha256, checkpoint.Sha256, StringComparison.OrdinalIgnoreCase)
        && stored.Uri == checkpoint.Uri;
}
