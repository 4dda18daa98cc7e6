namespace CoNRec.Core.Runs;

public enum StageStatus
{
    Pending,
    Running,
    Completed,
    Skipped,
    Failed,
}
