using CoNRec.Core.Data;

namespace CoNRec.Cli.Tests;

/// <summary>A dataset's shape in numbers a test can compare with the counts it wrote by hand.</summary>
public sealed record DatasetCounts(int Users, int Items, int Events, int Exposures, int Clicks, int Positives, int Negatives)
{
    public static DatasetCounts Of(Dataset dataset)
    {
        var byKind = new int[4];
        foreach (var kind in dataset.Events.Kinds) byKind[(int)kind]++;
        return new DatasetCounts(dataset.UserCount, dataset.Items.Count, dataset.Events.Count,
            byKind[(int)FeedbackKind.Exposure], byKind[(int)FeedbackKind.Click], byKind[(int)FeedbackKind.Positive], byKind[(int)FeedbackKind.Negative]);
    }
}
