using CoNRec.Core.Data;
using static CoNRec.Core.Data.FeedbackKind;

namespace CoNRec.Core.Tests.Data;

public sealed class DatasetStatsTests
{
    [Fact]
    public void Stats_count_kinds_reasons_and_long_tail_users()
    {
        var data = TinyDatasets.Build(3,
            (0, 0, 1, Negative), (0, 1, 2, Negative), (0, 2, 3, Negative), (0, 1, 4, Positive),
            (1, 2, 1, Positive), (1, 0, 2, Positive), (1, 1, 3, Exposure));

        var stats = DatasetStats.Compute(data);

        Assert.Equal(7, stats.Events);
        Assert.Equal(3, stats.EventsByKind[Negative]);
        Assert.Equal(3, stats.EventsByKind[Positive]);
        Assert.Equal(3, stats.NegativesByReason[NegativeReason.NotInterested]);
        Assert.Equal(0.5, stats.ShareOfUsersWithFewNegatives);
        Assert.Equal(1.0, stats.MeanPositivesPerNegative);
        Assert.Equal(3, stats.ItemsWithNegatives);
        Assert.Contains("not-interested", stats.Format());
    }
}
