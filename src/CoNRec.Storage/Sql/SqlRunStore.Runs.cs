using System.Data.Common;
using CoNRec.Core.Runs;

namespace CoNRec.Storage.Sql;

public abstract partial class SqlRunStore
{
    const string RunColumns =
        "id, name, config_json, seed, status, correlation_id, created_at, updated_at, latest_checkpoint_id, stage_index, step, sampler_position, rng_state";

    public Task<RunRecord> CreateRunAsync(NewRun run, CancellationToken cancellationToken = default)
    {
        RunStoreArguments.Check(run);
        var now = StoreClock.Now(_time);
        var correlation = run.CorrelationId ?? run.Id.Value;
        return WriteAsync(async (connection, transaction) =>
        {
            await connection.Command(transaction, $"""
                INSERT INTO runs ({RunColumns})
                VALUES (@id, @name, @config, @seed, @status, @correlation, @now, @now, NULL, 0, 0, 0, NULL)
                ON CONFLICT (id) DO NOTHING
                """)
                .With("@id", run.Id.Value).With("@name", run.Name).With("@config", run.ConfigJson).With("@seed", run.Seed)
                .With("@status", nameof(RunStatus.Pending)).With("@correlation", correlation).With("@now", _dialect.Time(now))
                .ExecuteAsync(cancellationToken).ConfigureAwait(false);
            var stored = (await GetRunAsync(connection, transaction, run.Id, lockRow: false, cancellationToken).ConfigureAwait(false))!;
            return stored.Name == run.Name && stored.ConfigJson == run.ConfigJson && stored.Seed == run.Seed && stored.CorrelationId == correlation
                ? stored
                : throw RunStoreErrors.RunMismatch(run.Id);
        }, cancellationToken);
    }

    public Task<RunRecord?> GetRunAsync(RunId id, CancellationToken cancellationToken = default) =>
        ReadAsync(connection => GetRunAsync(connection, null, id, lockRow: false, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<RunRecord>>(async connection =>
            await connection.Command(null, $"SELECT {RunColumns} FROM runs ORDER BY created_at DESC, id DESC")
                .ListAsync(ReadRun, cancellationToken).ConfigureAwait(false), cancellationToken);

    public Task<RunRecord> UpdateRunStatusAsync(RunId id, RunStatus status, CancellationToken cancellationToken = default)
    {
        var now = StoreClock.Now(_time);
        return WriteAsync(async (connection, transaction) =>
            await connection.Command(transaction, $"UPDATE runs SET status = @status, updated_at = @now WHERE id = @id RETURNING {RunColumns}")
                .With("@status", status.ToString()).With("@now", _dialect.Time(now)).With("@id", id.Value)
                .SingleOrDefaultAsync(ReadRun, cancellationToken).ConfigureAwait(false) ?? throw RunStoreErrors.UnknownRun(id), cancellationToken);
    }

    /// <summary>The run row; <paramref name="lockRow"/> holds it until the transaction ends (writers of one run take turns).</summary>
    Task<RunRecord?> GetRunAsync(DbConnection connection, DbTransaction? transaction, RunId id, bool lockRow, CancellationToken cancellationToken) =>
        connection.Command(transaction, $"SELECT {RunColumns} FROM runs WHERE id = @id" + (lockRow ? _dialect.LockForUpdate() : "")).With("@id", id.Value)
            .SingleOrDefaultAsync(ReadRun, cancellationToken);

    RunRecord ReadRun(DbDataReader r) => new(
        RunId.Parse(r.GetString(0)),
        r.GetString(1),
        r.GetString(2),
        r.GetInt64(3),
        Enum.Parse<RunStatus>(r.GetString(4)),
        r.GetString(5),
        _dialect.ReadTime(r, 6),
        _dialect.ReadTime(r, 7),
        r.GetNullableString(8) is { } checkpoint ? new CheckpointId(checkpoint) : null,
        new RunCursor(r.GetInt32(9), r.GetInt64(10), r.GetInt64(11), r.GetNullableString(12)));
}
