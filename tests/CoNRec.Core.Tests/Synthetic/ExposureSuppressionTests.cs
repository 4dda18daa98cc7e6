using CoNRec.Core.Data;
using CoNRec.Core.Synthetic;

namespace CoNRec.Core.Tests.Synthetic;

/// <summary>The exposure bias of method.md, finding 3: after a negative on a group, the platform shows less of it.</summary>
public sealed class ExposureSuppressionTests
{
    [Fact]
    public void After_a_negative_the_rejected_group_gets_a_smaller_share_of_the_users_exposures()
    {
        var world = SyntheticWorld.Generate(SyntheticWorldTests.Small);

        var (before, after) = GroupShareAroundNegatives(world, daysBefore: 7, daysAfter: 4);

        Assert.True(after < 0.5 * before, $"share of the rejected group: {before:P2} in the 7 days before, {after:P2} in the 4 days after");
    }

    [Fact]
    public void Without_suppression_the_rejected_group_keeps_its_share()
    {
        var suppressed = SyntheticWorld.Generate(SyntheticWorldTests.Small);
        var free = SyntheticWorld.Generate(SyntheticWorldTests.Small with { SuppressionDays = 0, CategorySuppressionDays = 0 });

        var (_, afterSuppressed) = GroupShareAroundNegatives(suppressed, daysBefore: 7, daysAfter: 4);
        var (_, afterFree) = GroupShareAroundNegatives(free, daysBefore: 7, daysAfter: 4);

        Assert.True(afterSuppressed < 0.5 * afterFree, $"share of the rejected group after a negative: {afterSuppressed:P2} with suppression, {afterFree:P2} without");
    }

    /// <summary>
    /// Over every interest-related negative (user u, day d, group g): the share of g among u's events in the
    /// days before d and in the days after d, pooled over all negatives.
    /// </summary>
    static (double Before, double After) GroupShareAroundNegatives(Dataset d, int daysBefore, int daysAfter)
    {
        var truth = d.Truth!;
        var events = d.Events;
        long beforeHits = 0, beforeAll = 0, afterHits = 0, afterAll = 0;
        for (var u = 0; u < d.UserCount; u++)
        {
            var (start, end) = events.RangeOf(u);
            var seen = new HashSet<(long Day, int Group)>();
            for (var i = start; i < end; i++)
            {
                if (events.Kinds[i] != FeedbackKind.Negative || !NegativeReasons.InterestRelated.Contains(events.Reasons[i])) continue;
                var day = Time.Day(events.Times[i]);
                var group = truth.ItemGroup[events.Items[i]];
                if (!seen.Add((day, group))) continue;
                for (var j = start; j < end; j++)
                {
                    var offset = Time.Day(events.Times[j]) - day;
                    var hit = truth.ItemGroup[events.Items[j]] == group ? 1 : 0;
                    if (offset >= -daysBefore && offset < 0) { beforeAll++; beforeHits += hit; }
                    else if (offset > 0 && offset <= daysAfter) { afterAll++; afterHits += hit; }
                }
            }
        }
        return ((double)beforeHits / beforeAll, (double)afterHits / afterAll);
    }
}
