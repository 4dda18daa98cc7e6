using System.Data.Common;
using CoNRec.Core.Runs;

namespace CoNRec.Storage.Sql;

public abstract partial class SqlRunStore
{
    const string WorkerColumns = "id, node_address, roles, last_seen";

    public Task<WorkerRecord> UpsertWorkerAsync(string workerId, string nodeAddress, IReadOnlyList<string> roles, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentNullException.ThrowIfNull(nodeAddress);
        ArgumentNullException.ThrowIfNull(roles);
        var now = StoreClock.Now(_time);
        return WriteAsync(async (connection, transaction) =>
            (await connection.Command(transaction, $"""
                INSERT INTO workers ({WorkerColumns}) VALUES (@id, @address, @roles, @now)
                ON CONFLICT (id) DO UPDATE SET node_address = excluded.node_address, roles = excluded.roles, last_seen = excluded.last_seen
                RETURNING {WorkerColumns}
                """)
                .With("@id", workerId).With("@address", nodeAddress).WithJson("@roles", StoreJson.Roles(roles), _dialect).With("@now", _dialect.Time(now))
                .SingleOrDefaultAsync(ReadWorker, cancellationToken).ConfigureAwait(false))!, cancellationToken);
    }

    public Task<IReadOnlyList<WorkerRecord>> ListWorkersAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<WorkerRecord>>(async connection =>
            await connection.Command(null, $"SELECT {WorkerColumns} FROM workers ORDER BY id")
                .ListAsync(ReadWorker, cancellationToken).ConfigureAwait(false), cancellationToken);

    WorkerRecord ReadWorker(DbDataReader r) => new(r.GetString(0), r.GetString(1), StoreJson.Roles(r.GetString(2)), _dialect.ReadTime(r, 3));
}
