using System.Globalization;
using System.Text;

namespace CoNRec.Core.Data;

/// <summary>The shape of a dataset, as <c>conrec data stats</c> prints it.</summary>
public sealed record DatasetStats(
    string Name,
    int Users,
    int Items,
    int FeatureDim,
    int Events,
    IReadOnlyDictionary<FeedbackKind, int> EventsByKind,
    IReadOnlyDictionary<NegativeReason, int> NegativesByReason,
    long FirstTime,
    long LastTime,
    double MeanEventsPerUser,
    double MedianNegativesPerUser,
    double MeanPositivesPerNegative,
    double ShareOfUsersWithFewNegatives,
    int ItemsWithNegatives)
{
    /// <summary>Users with fewer negatives than this count as long-tail users (method.md, LUF).</summary>
    public const int FewNegatives = 3;

    public static DatasetStats Compute(Dataset dataset)
    {
        var events = dataset.Events;
        var byKind = Enum.GetValues<FeedbackKind>().ToDictionary(k => k, _ => 0);
        var byReason = new SortedDictionary<NegativeReason, int>();
        var negativesPerUser = new int[dataset.UserCount];
        var positivesPerUser = new int[dataset.UserCount];
        var itemHasNegative = new bool[dataset.Items.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            byKind[e.Kind]++;
            if (e.Kind == FeedbackKind.Positive) positivesPerUser[e.User]++;
            if (e.Kind != FeedbackKind.Negative) continue;
            negativesPerUser[e.User]++;
            itemHasNegative[e.Item] = true;
            byReason[e.Reason] = byReason.GetValueOrDefault(e.Reason) + 1;
        }
        var sortedNegatives = negativesPerUser.Order().ToArray();
        var users = Math.Max(1, dataset.UserCount);
        return new DatasetStats(
            dataset.Name, dataset.UserCount, dataset.Items.Count, dataset.Items.FeatureDim, events.Count, byKind, byReason,
            events.MinTime, events.MaxTime,
            events.Count / (double)users,
            sortedNegatives.Length == 0 ? 0 : sortedNegatives[sortedNegatives.Length / 2],
            byKind[FeedbackKind.Negative] == 0 ? 0 : byKind[FeedbackKind.Positive] / (double)byKind[FeedbackKind.Negative],
            negativesPerUser.Count(n => n < FewNegatives) / (double)users,
            itemHasNegative.Count(x => x));
    }

    public string Format()
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine(c, $"dataset            {Name}");
        s.AppendLine(c, $"users              {Users:N0}");
        s.AppendLine(c, $"items              {Items:N0} (feature dim {FeatureDim}; {ItemsWithNegatives:N0} with a negative)");
        s.AppendLine(c, $"events             {Events:N0} ({MeanEventsPerUser:0.0} per user)");
        foreach (var (kind, count) in EventsByKind) s.AppendLine(c, $"  {kind.ToString().ToLowerInvariant(),-16} {count,12:N0}");
        s.AppendLine(c, $"negatives by reason");
        foreach (var (reason, count) in NegativesByReason) s.AppendLine(c, $"  {NegativeReasons.Name(reason),-16} {count,12:N0}");
        s.AppendLine(c, $"time span          {Iso(FirstTime)} .. {Iso(LastTime)} ({(LastTime - FirstTime) / (double)Time.SecondsPerDay:0.0} days)");
        s.AppendLine(c, $"negatives per user median {MedianNegativesPerUser:0}; users with < {FewNegatives}: {ShareOfUsersWithFewNegatives:P1}");
        s.AppendLine(c, $"positives per negative    {MeanPositivesPerNegative:0.00}");
        return s.ToString();
    }

    static string Iso(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
}
