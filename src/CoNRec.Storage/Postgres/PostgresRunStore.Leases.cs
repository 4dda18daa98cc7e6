using CoNRec.Core.Runs;
using Npgsql;

namespace CoNRec.Storage.Postgres;

public sealed partial class PostgresRunStore
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
                    .With("@samples", sampleCount).With("@worker", workerId).With("@now", now).With("@deadline", deadline)
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
                    .With("@samples", sampleCount).With("@worker", workerId).With("@now", now).With("@deadline", deadline)
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
                .With("@run", run.Value).With("@now", StoreClock.Truncate(now))
                .ListAsync(ReadLease, cancellationToken).ConfigureAwait(false);
            expired.Sort(static (a, b) => (a.Key.Step, a.Key.Group).CompareTo((b.Key.Step, b.Key.Group)));
            return expired;
        }, cancellationToken);

    public Task<IReadOnlyList<LeaseRecord>> ListInFlightAsync(RunId run, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<LeaseRecord>>(async connection =>
            await connection.Command(null, $"SELECT {LeaseColumns} FROM leases WHERE run_id = @run AND status = 'Granted' ORDER BY step, group_index")
                .With("@run", run.Value).ListAsync(ReadLease, cancellationToken).ConfigureAwait(false), cancellationToken);

    public Task<WorkerRecord> UpsertWorkerAsync(string workerId, string nodeAddress, IReadOnlyList<string> roles, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentNullException.ThrowIfNull(nodeAddress);
        ArgumentNullException.ThrowIfNull(roles);
        var now = StoreClock.Now(_time);
        return WriteAsync(async (connection, transaction) =>
            (await connection.Command(transaction, """
                INSERT INTO workers (id, node_address, roles, last_seen) VALUES (@id, @address, @roles, @now)
                ON CONFLICT (id) DO UPDATE SET node_address = excluded.node_address, roles = excluded.roles, last_seen = excluded.last_seen
                RETURNING id, node_address, roles, last_seen
                """)
                .With("@id", workerId).With("@address", nodeAddress).WithJson("@roles", StoreJson.Roles(roles)).With("@now", now)
                .SingleOrDefaultAsync(ReadWorker, cancellationToken).ConfigureAwait(false))!, cancellationToken);
    }

    public Task<IReadOnlyList<WorkerRecord>> ListWorkersAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<WorkerRecord>>(async connection =>
            await connection.Command(null, "SELECT id, node_address, roles, last_seen FROM workers ORDER BY id")
                .ListAsync(ReadWorker, cancellationToken).ConfigureAwait(false), cancellationToken);

    static Task<LeaseRecord?> GetLeaseAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, LeaseKey key, CancellationToken cancellationToken) =>
        Keyed(connection.Command(transaction, $"SELECT {LeaseColumns} FROM leases WHERE {LeaseKeyFilter} FOR UPDATE"), key)
            .SingleOrDefaultAsync(ReadLease, cancellationToken);

    static NpgsqlCommand Keyed(NpgsqlCommand command, LeaseKey key) =>
        command.With("@run", key.Run.Value).With("@step", key.Step).With("@group", key.Group);

    static LeaseRecord ReadLease(NpgsqlDataReader r) => new(
        new LeaseKey(RunId.Parse(r.GetString(0)), r.GetInt64(1), r.GetInt32(2)),
        r.GetInt32(3),
        r.GetString(4),
        r.GetTime(5),
        r.GetTime(6),
        Enum.Parse<LeaseStatus>(r.GetString(7)),
        r.GetInt32(8));

    static WorkerRecord ReadWorker(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), StoreJson.Roles(r.GetString(2)), r.GetTime(3));
}
