using CoNRec.Core.Runs;

namespace CoNRec.Storage.Tests;

public abstract partial class RunStoreContract
{
    [Fact]
    public async Task A_granted_lease_is_in_flight_until_completed_and_counts_once()
    {
        var run = await NewRunAsync();
        var key = new LeaseKey(run, 3, 1);
        var deadline = Clock.GetUtcNow().AddSeconds(30);

        var grant = await Store.GrantLeaseAsync(key, 8, "rollout-1", deadline);
        var inFlight = await Store.ListInFlightAsync(run);
        var first = await Store.CompleteLeaseAsync(key, "rollout-1");
        var second = await Store.CompleteLeaseAsync(key, "rollout-1");

        Assert.Equal(LeaseGrantOutcome.Granted, grant.Outcome);
        Assert.Equal(new LeaseRecord(key, 8, "rollout-1", Clock.GetUtcNow(), deadline, LeaseStatus.Granted, 1), grant.Lease);
        Assert.Equal([grant.Lease], inFlight);
        Assert.Equal((LeaseCompletion.Completed, LeaseCompletion.AlreadyCompleted), (first, second));
        Assert.Empty(await Store.ListInFlightAsync(run));
    }

    [Fact]
    public async Task Completing_an_unknown_or_late_lease_is_refused()
    {
        var run = await NewRunAsync();
        var key = new LeaseKey(run, 0, 0);
        await Store.GrantLeaseAsync(key, 8, "rollout-1", Clock.GetUtcNow().AddSeconds(30));
        Clock.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal(LeaseCompletion.Unknown, await Store.CompleteLeaseAsync(new LeaseKey(run, 0, 5), "rollout-1"));
        Assert.Equal(LeaseCompletion.Expired, await Store.CompleteLeaseAsync(key, "rollout-1"));
        Assert.Equal(LeaseCompletion.NotHolder, await Store.CompleteLeaseAsync(key, "rollout-2"));
    }

    [Fact]
    public async Task Expired_leases_are_returned_once_and_reissued_to_another_worker()
    {
        var run = await NewRunAsync();
        var late = new LeaseKey(run, 1, 0);
        var onTime = new LeaseKey(run, 1, 1);
        await Store.GrantLeaseAsync(late, 8, "rollout-1", Clock.GetUtcNow().AddSeconds(10));
        await Store.GrantLeaseAsync(onTime, 8, "rollout-2", Clock.GetUtcNow().AddSeconds(60));
        Clock.Advance(TimeSpan.FromSeconds(20));

        var expired = await Store.ExpireLeasesAsync(run, Clock.GetUtcNow());
        var expiredAgain = await Store.ExpireLeasesAsync(run, Clock.GetUtcNow());
        var reissue = await Store.GrantLeaseAsync(late, 8, "rollout-3", Clock.GetUtcNow().AddSeconds(30));

        Assert.Equal([(late, LeaseStatus.Expired)], expired.Select(l => (l.Key, l.Status)));
        Assert.Empty(expiredAgain);
        Assert.Equal((LeaseGrantOutcome.Granted, "rollout-3", 2), (reissue.Outcome, reissue.Lease.WorkerId, reissue.Lease.Attempt));
        Assert.Equal(LeaseCompletion.NotHolder, await Store.CompleteLeaseAsync(late, "rollout-1"));
        Assert.Equal(LeaseCompletion.Completed, await Store.CompleteLeaseAsync(late, "rollout-3"));
        Assert.Equal([onTime], (await Store.ListInFlightAsync(run)).Select(l => l.Key));
    }

    [Fact]
    public async Task A_group_in_flight_or_done_is_not_granted_to_another_worker()
    {
        var run = await NewRunAsync();
        var key = new LeaseKey(run, 2, 0);
        var deadline = Clock.GetUtcNow().AddSeconds(30);
        var first = await Store.GrantLeaseAsync(key, 8, "rollout-1", deadline);

        var repeat = await Store.GrantLeaseAsync(key, 8, "rollout-1", deadline);
        var other = await Store.GrantLeaseAsync(key, 8, "rollout-2", deadline);
        await Store.CompleteLeaseAsync(key, "rollout-1");
        var afterDone = await Store.GrantLeaseAsync(key, 8, "rollout-2", deadline.AddMinutes(1));

        Assert.Equal((LeaseGrantOutcome.Granted, first.Lease), (repeat.Outcome, repeat.Lease));
        Assert.Equal((LeaseGrantOutcome.InFlightElsewhere, "rollout-1"), (other.Outcome, other.Lease.WorkerId));
        Assert.Equal((LeaseGrantOutcome.AlreadyCompleted, LeaseStatus.Completed), (afterDone.Outcome, afterDone.Lease.Status));
    }

    [Fact]
    public async Task Concurrent_grants_of_one_group_give_it_to_one_worker()
    {
        var run = await NewRunAsync();
        var key = new LeaseKey(run, 0, 0);
        var deadline = Clock.GetUtcNow().AddSeconds(30);

        var grants = await Task.WhenAll(Enumerable.Range(0, 6).Select(w =>
            Task.Run(() => Store.GrantLeaseAsync(key, 8, $"rollout-{w}", deadline))));

        var winner = Assert.Single(grants, g => g.Outcome == LeaseGrantOutcome.Granted);
        Assert.All(grants, g => Assert.Equal(winner.Lease.WorkerId, g.Lease.WorkerId));
        Assert.Equal([winner.Lease], await Store.ListInFlightAsync(run));
    }
}
