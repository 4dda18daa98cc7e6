namespace CoNRec.Core.Evaluation;

/// <summary>
/// What a result file records besides the metrics: the dataset, the split and evaluation settings (with the
/// resolved global cut) and the sizes involved. <see cref="Notes"/> holds free-form extras (seeds, versions).
/// </summary>
public sealed record ResultMetadata(
    string DatasetName,
    SplitOptions Split,
    long? ResolvedT0,
    EvaluationOptions Evaluation,
    int UserCount,
    int ItemCount,
    int EventCount,
    long HistoryEventCount,
    int CaseCount,
    int CandidateCaseCount)
{
    public IReadOnlyDictionary<string, string> Notes { get; init; } = new Dictionary<string, string>();

    public static ResultMetadata From(EvaluationSplit split, EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(split);
        var dataset = split.Dataset;
        long? t0 = split.Options.Mode == SplitMode.GlobalTime && dataset.UserCount > 0 ? split.AnchorOf(0) : null;
        var candidateCases = 0;
        foreach (var c in split.Cases)
            if (c.HasCandidates) candidateCases++;
        return new ResultMetadata(dataset.Name, split.Options, t0, options, dataset.UserCount, dataset.Items.Count, dataset.Events.Count,
            HistoryCounts.HistoryEvents(split), split.Cases.Count, candidateCases);
    }
}
