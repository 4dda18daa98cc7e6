using Akka.Actor;
using CoNRec.Core.Runs;

namespace CoNRec.Cluster.Coordinator;

// Run-store jobs: one at a time, in decision order, while the actor waits in Writing. Every write is idempotent in
// the store, so a failed job is retried whole after a backoff; a refusal that cannot change (a conflict, an unknown
// run) or too many failures fail the run.
public sealed partial class CoordinatorActor
{
    /// <summary>Waiting for a store job; everything but its outcome waits in the stash (ticks are simply skipped).</summary>
    void Writing()
    {
        Receive<StoreDone>(_ => StoreSucceeded());
        Receive<StoreFailed>(failed => StoreFailedOnce(failed.Error));
        Receive<RetryStore>(_ => RunJob());
        Receive<TickNow>(_ => { });
        ReceiveAny(_ => Stash.Stash());
    }

    void BeginStore(StoreJob job)
    {
        _job = job;
        _attempt = 0;
        Become(Writing);
        RunJob();
    }

    void RunJob()
    {
        if (_job is null) return;
        _attempt++;
        _job.Work(_stopping.Token).PipeTo(Self, success: () => StoreDone.Instance, failure: e => new StoreFailed(e));
    }

    void StoreSucceeded()
    {
        var job = _job;
        _job = null;
        Become(Running);
        job?.Then();
        // Then may have started another job: the stash waits for that one too.
        if (_job is null) Stash.UnstashAll();
    }

    void StoreFailedOnce(Exception error)
    {
        if (_job is null) return;
        var permanent = error is RunStoreConflictException or KeyNotFoundException or ArgumentException or InvalidOperationException or NotSupportedException;
        if (permanent || _attempt >= _settings.StoreAttempts)
        {
            Fail(new InvalidOperationException($"could not {_job.What} in the run store after {_attempt} attempt(s): {error.Message}", error));
            return;
        }
        var backoff = TimeSpan.FromMilliseconds(Math.Min(100 * Math.Pow(2, _attempt - 1), 5_000));
        _log.Warning(error, "Could not {What} in the run store (attempt {Attempt}); retrying in {Backoff}", _job.What, _attempt, backoff);
        Timers.StartSingleTimer(StoreRetryTimer, RetryStore.Instance, backoff);
    }
}
