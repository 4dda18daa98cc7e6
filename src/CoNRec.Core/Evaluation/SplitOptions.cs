namespace CoNRec.Core.Evaluation;

public enum SplitMode
{
    /// <summary>The paper's protocol: one time t0 for everybody; history before, targets in (t0, t0 + W].</summary>
    GlobalTime,

    /// <summary>Each user's timeline cut at a fraction of their events: for logs where users are active in short bursts.</summary>
    PerUserAnchor,
}

/// <summary>How a dataset is cut into history and evaluation targets.</summary>
public sealed record SplitOptions
{
    public SplitMode Mode { get; init; } = SplitMode.GlobalTime;

    /// <summary>The global cut (Unix seconds). Null: the last event's time minus <see cref="WindowDays"/>.</summary>
    public long? T0 { get; init; }

    /// <summary>W: targets are the events in (anchor, anchor + W days].</summary>
    public double WindowDays { get; init; } = 7;

    /// <summary>Per-user mode: the share of each user's events that forms the history.</summary>
    public double AnchorFraction { get; init; } = 0.8;

    /// <summary>Items the user gave feedback on (click, positive, negative) before the anchor are not ranked.</summary>
    public bool ExcludeSeenItems { get; init; } = true;

    /// <summary>Candidate accuracy: distractors shown with the true negative (the paper: 19).</summary>
    public int CandidateDistractors { get; init; } = 19;

    public void Validate()
    {
        if (!(WindowDays > 0) || double.IsInfinity(WindowDays))
            throw new ArgumentException($"split.windowDays must be a positive number of days (got {WindowDays})");
        if (!(AnchorFraction > 0 && AnchorFraction < 1))
            throw new ArgumentException($"split.anchorFraction must be in (0, 1) (got {AnchorFraction})");
        if (T0 is < 0) throw new ArgumentException($"split.t0 must be a non-negative Unix time (got {T0})");
        if (CandidateDistractors < 1) throw new ArgumentException($"split.candidateDistractors must be >= 1 (got {CandidateDistractors})");
    }
}
