namespace CoNRec.Core.Runs;

public enum RunStatus
{
    Pending,
    Running,
    Paused,
    Completed,
    Failed,
    Cancelled,
}
