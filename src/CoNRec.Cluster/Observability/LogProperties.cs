namespace CoNRec.Cluster.Observability;

/// <summary>
/// Property names every event may carry. They are queried in Seq and must not change: renaming one breaks
/// saved signals and dashboards.
/// </summary>
public static class LogProperties
{
    public const string RunId = "RunId";
    public const string Stage = "Stage";
    public const string Step = "Step";
    public const string PolicyVersion = "PolicyVersion";
    public const string Role = "Role";
    public const string Node = "Node";
}
