namespace CoNRec.Core.Data;

/// <summary>
/// Keeps only negatives whose reason says something about the user's interests (method.md). A negative with
/// any other reason (seen too often, already owned...) becomes a plain exposure: the item was shown, and the
/// user's reaction to it is not evidence of a dislike.
/// </summary>
public static class NegativeCleaning
{
    public static Dataset KeepInterestRelated(Dataset dataset, IReadOnlySet<NegativeReason>? keep = null)
    {
        keep ??= NegativeReasons.InterestRelated;
        var source = dataset.Events;
        var kinds = source.Kinds.ToArray();
        var reasons = source.Reasons.ToArray();
        var changed = 0;
        for (var i = 0; i < kinds.Length; i++)
        {
            if (kinds[i] != FeedbackKind.Negative || keep.Contains(reasons[i])) continue;
            kinds[i] = FeedbackKind.Exposure;
            reasons[i] = NegativeReason.None;
            changed++;
        }
        if (changed == 0) return dataset;
        var events = EventTable.FromSortedColumns(source.Users.ToArray(), source.Items.ToArray(), source.Times.ToArray(), kinds, reasons, source.UserCount);
        return dataset.WithEvents(events);
    }
}
