using System.Data.Common;
using CoNRec.Core.Runs;

namespace CoNRec.Storage.Sql;

public abstract partial class SqlRunStore
{
    const string LeaseColumns = "run_id, step, group_index, sample_count, worker_id, granted_at, deadline, status, attempt";
    const string LeaseKeyFilter = "run_id = @run AND step = @step AND group_index = @group";

    public Task<LeaseGrant> GrantLeaseAsync(LeaseKey key, int sampleCount, string workerId, DateTimeOffset deadline, CancellationToken cancellationToken = default)
    {
        RunStoreArguments.Check(key, sampleCount, workerId);
        var now = StoreClock.Now(_time);
        deadline = StoreClock.Truncate(deadline);
        return WriteAsync(async (connection, transaction) =>
        {
            var existing = await GetLeaseAsync(connection, transaction, key, cancellationToken).ConfigureAwait(false);
            var action = LeaseRules.DecideGrant(existing, workerId, deadline, now);
            if (action == LeaseGrantAction.Insert)
            {
                await EnsureRunAsync(connection, transaction, key.Run, cancellationToken).ConfigureAwait(false);
                var inserted = await Keyed(connection.Command(transaction, $"""
                    INSERT INTO leases ({LeaseColumns}) VALUES (@run, @step, @group, @samples, @worker, @now, @deadline, 'Granted', 1)
                    ON CONFLICT (run_id, step, group_index) DO NOTHING
                    """), key)
                    .With("@samples", sampleCount).With("@worker", workerId).With("@now", _dialect.Time(now)).With("@deadline", _dialect.Time(deadline))
                    .ExecuteAsync(cancellationToken).ConfigureAwait(false);
                if (inserted == 0)
                {
                    // Another granter inserted the row first (and has committed, or the insert would still wait): decide on it.
                    existing = await GetLeaseAsync(connection, transaction, key, cancellationToken).ConfigureAwait(false);
                    action = LeaseRules.DecideGrant(existing, workerId, deadline, now);
                }
            }

            if (action == LeaseGrantAction.Reissue)
            {
                await Keyed(connection.Command(transaction, $"""
                    UPDATE leases SET sample_count = @samples, worker_id = @worker, granted_at = @now, deadline = @deadline,
                                      status = 'Granted', attempt = attempt + 1
                    WHERE {LeaseKeyFilter}
                    """), key)
                    .With("@samples", sampleCount).With("@worker", workerId).With("@now", _dialect.Time(now)).With("@deadline", _dialect.Time(deadline))
                    .ExecuteAsync(cancellationToken).ConfigureAwait(false);
            }

            var lease = await GetLeaseAsync(connection, transaction, key, cancellationToken).ConfigureAwait(false);
            return new LeaseGrant(LeaseRules.OutcomeOf(action), lease!);
        }, cancellationToken);
    }

    public Task<LeaseCompletion> CompleteLeaseAsync(LeaseKey key, string workerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        var now = StoreClock.Now(_time);
        return WriteAsync(async (connection, transaction) =>
        {
            var existing = await GetLeaseAsync(connection, transaction, key, cancellationToken).ConfigureAwait(false);
            var outcome = LeaseRules.DecideCompletion(existing, workerId, now);
            if (outcome == LeaseCompletion.Completed)
            {
                await Keyed(connection.Command(transaction, $"UPDATE leases SET status = 'Completed' WHERE {LeaseKeyFilter}"), key)
                    .ExecuteAsync(cancellationToken).ConfigureAwait(false);
            }

            return outcome;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<LeaseRecord>> ExpireLeasesAsync(RunId run, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        WriteAsync<IReadOnlyList<LeaseRecord>>(async (connection, transaction) =>
        {
            var expired = await connection.Command(transaction, $"""
                UPDATE leases SET status = 'Expired'
                WHERE run_id = @run AND status = 'Granted' AND deadline <= @now
                RETURNING {LeaseColumns}
                """)
                .With("@run", run.Value).With("@now", _dialect.Time(StoreClock.Truncate(now)))
                .ListAsync(ReadLease, cancellationToken).ConfigureAwait(false);
            expired.Sort(static (a, b) => (a.Key.Step, a.Key.Group).CompareTo((b.Key.Step, b.Key.Group)));
            return expired;
        }, cancellationToken);

    public Task<IReadOnlyList<LeaseRecord>> ListInFlightAsync(RunId run, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<LeaseRecord>>(async connection =>
            await connection.Command(null, $"SELECT {LeaseColumns} FROM leases WHERE run_id = @run AND status = 'Granted' ORDER BY step, group_index")
                .With("@run", run.Value).ListAsync(ReadLease, cancellationToken).ConfigureAwait(false), cancellationToken);

    /// <summary>The lease row, locked until the transaction ends: grants and completions of one lease take turns.</summary>
    Task<LeaseRecord?> GetLeaseAsync(DbConnection connection, DbTransaction transaction, LeaseKey key, CancellationToken cancellationToken) =>
        Keyed(connection.Command(transaction, $"SELECT {LeaseColumns} FROM leases WHERE {LeaseKeyFilter}" + _dialect.LockForUpdate()), key)
            .SingleOrDefaultAsync(ReadLease, cancellationToken);

    static DbCommand Keyed(DbCommand command, LeaseKey key) =>
        command.With("@run", key.Run.Value).With("@step", key.Step).With("@group", key.Group);

    LeaseRecord ReadLease(DbDataReader r) => new(
        new LeaseKey(RunId.Parse(r.GetString(0)), r.GetInt64(1), r.GetInt32(2)),
        r.GetInt32(3),
        r.GetString(4),
        _dialect.ReadTime(r, 5),
        _dialect.ReadTime(r, 6),
        Enum.Parse<LeaseStatus>(r.GetString(7)),
        r.GetInt32(8));
}
