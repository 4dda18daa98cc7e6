using CoNRec.Core.Runs;

namespace CoNRec.Core.Tests.Runs;

public sealed class LeaseRulesTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    static readonly LeaseKey Key = new(RunId.Parse("run-20261126-ab12cd"), 3, 0);

    static LeaseRecord Lease(LeaseStatus status, string worker = "w1", int deadlineSeconds = 30) =>
        new(Key, 8, worker, Now.AddSeconds(-5), Now.AddSeconds(deadlineSeconds), status, 1);

    [Fact]
    public void Grants_insert_reissue_repeat_or_refuse()
    {
        var deadline = Now.AddSeconds(30);

        Assert.Equal(LeaseGrantAction.Insert, LeaseRules.DecideGrant(null, "w1", deadline, Now));
        Assert.Equal(LeaseGrantAction.Repeat, LeaseRules.DecideGrant(Lease(LeaseStatus.Granted), "w1", deadline, Now));
        Assert.Equal(LeaseGrantAction.RefuseInFlight, LeaseRules.DecideGrant(Lease(LeaseStatus.Granted), "w2", deadline, Now));
        Assert.Equal(LeaseGrantAction.Reissue, LeaseRules.DecideGrant(Lease(LeaseStatus.Granted, deadlineSeconds: 0), "w2", deadline, Now));
        Assert.Equal(LeaseGrantAction.Reissue, LeaseRules.DecideGrant(Lease(LeaseStatus.Expired), "w2", deadline, Now));
        Assert.Equal(LeaseGrantAction.RefuseCompleted, LeaseRules.DecideGrant(Lease(LeaseStatus.Completed), "w1", deadline, Now));
    }

    [Fact]
    public void Only_the_holder_completes_a_live_lease_and_only_once()
    {
        Assert.Equal(LeaseCompletion.Unknown, LeaseRules.DecideCompletion(null, "w1", Now));
        Assert.Equal(LeaseCompletion.Completed, LeaseRules.DecideCompletion(Lease(LeaseStatus.Granted), "w1", Now));
        Assert.Equal(LeaseCompletion.NotHolder, LeaseRules.DecideCompletion(Lease(LeaseStatus.Granted), "w2", Now));
        Assert.Equal(LeaseCompletion.AlreadyCompleted, LeaseRules.DecideCompletion(Lease(LeaseStatus.Completed), "w1", Now));
        Assert.Equal(LeaseCompletion.Expired, LeaseRules.DecideCompletion(Lease(LeaseStatus.Expired), "w1", Now));
        Assert.Equal(LeaseCompletion.Expired, LeaseRules.DecideCompletion(Lease(LeaseStatus.Granted, deadlineSeconds: 0), "w1", Now));
    }
}
