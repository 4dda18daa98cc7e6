namespace CoNRec.Core.Runs;

public enum MetricGoal
{
    Maximize,
    Minimize,
}

/// <summary>Which checkpoints survive a commit: the last <see cref="KeepLast"/> by step plus the best by metric.</summary>
public sealed record RetentionPolicy
{
    public int KeepLast { get; init; } = 3;

    public MetricGoal Goal { get; init; } = MetricGoal.Maximize;

    /// <summary>Only checkpoints carrying this metric compete for best; null: any metric value.</summary>
    public string? MetricName { get; init; }

    public void Validate()
    {
        if (KeepLast < 1)
            throw new ArgumentException($"checkpoint.keepLast must be >= 1 (got {KeepLast})");
        if (!Enum.IsDefined(Goal))
            throw new ArgumentException($"checkpoint.metricGoal must be Maximize or Minimize (got {(int)Goal})");
    }
}
