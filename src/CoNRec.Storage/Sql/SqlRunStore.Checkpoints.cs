using System.Data.Common;
using CoNRec.Core.Runs;

namespace CoNRec.Storage.Sql;

public abstract partial class SqlRunStore
{
    const string CheckpointColumns =
        "id, run_id, step, stage_index, policy_version, uri, sha256, size_bytes, metric_name, metric_value, is_best, committed_at, deleted";

    public Task<CheckpointCommit> CommitCheckpointAsync(NewCheckpoint checkpoint, RunCursor cursor, RetentionPolicy retention, CancellationToken cancellationToken = default)
    {
        RunStoreArguments.Check(checkpoint, cursor, retention);
        var now = StoreClock.Now(_time);
        var run = checkpoint.Run;
        return WriteAsync(async (connection, transaction) =>
        {
            // Locking the run row serialises commits of one run: retention sees every earlier commit.
            var current = await GetRunAsync(connection, transaction, run, lockRow: true, cancellationToken).ConfigureAwait(false)
                ?? throw RunStoreErrors.UnknownRun(run);
            var existing = await connection.Command(transaction, $"SELECT {CheckpointColumns} FROM checkpoints WHERE id = @id OR (run_id = @run AND step = @step)")
                .With("@id", checkpoint.Id.Value).With("@run", run.Value).With("@step", checkpoint.Step)
                .SingleOrDefaultAsync(ReadCheckpoint, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                // A retry of a commit that went through (its acknowledgement lost): same row, nothing more to do.
                if (!CheckpointCommits.IsSame(existing, checkpoint))
                    throw RunStoreErrors.CheckpointMismatch(checkpoint, existing);
                return new CheckpointCommit(existing, true, await RetiredAsync(connection, transaction, run, cancellationToken).ConfigureAwait(false));
            }

            if (current.LatestCheckpoint is not null && current.Cursor.Step > checkpoint.Step)
                throw RunStoreErrors.StaleCheckpoint(checkpoint, current.Cursor.Step);

            await connection.Command(transaction, $"""
                INSERT INTO checkpoints ({CheckpointColumns})
                VALUES (@id, @run, @step, @stage, @version, @uri, @sha, @size, @metricName, @metricValue, FALSE, @now, FALSE)
                """)
                .With("@id", checkpoint.Id.Value).With("@run", run.Value).With("@step", checkpoint.Step).With("@stage", checkpoint.StageIndex)
                .With("@version", checkpoint.PolicyVersion.Value).With("@uri", checkpoint.Uri).With("@sha", checkpoint.Sha256)
                .With("@size", checkpoint.SizeBytes).With("@metricName", checkpoint.MetricName).With("@metricValue", checkpoint.MetricValue)
                .With("@now", _dialect.Time(now))
                .ExecuteAsync(cancellationToken).ConfigureAwait(false);
            await connection.Command(transaction, """
                UPDATE runs SET latest_checkpoint_id = @id, stage_index = @stage, step = @step, sampler_position = @sampler,
                                rng_state = @rng, updated_at = @now
                WHERE id = @run
                """)
                .With("@id", checkpoint.Id.Value).With("@stage", cursor.StageIndex).With("@step", cursor.Step)
                .With("@sampler", cursor.SamplerPosition).With("@rng", cursor.RngState).With("@now", _dialect.Time(now)).With("@run", run.Value)
                .ExecuteAsync(cancellationToken).ConfigureAwait(false);
            await ApplyRetentionAsync(connection, transaction, run, retention, cancellationToken).ConfigureAwait(false);

            var committed = await GetCheckpointAsync(connection, transaction, checkpoint.Id, cancellationToken).ConfigureAwait(false);
            return new CheckpointCommit(committed!, false, await RetiredAsync(connection, transaction, run, cancellationToken).ConfigureAwait(false));
        }, cancellationToken);
    }

    public Task<CheckpointRecord?> GetLatestCheckpointAsync(RunId run, CancellationToken cancellationToken = default) =>
        ReadAsync(connection => connection.Command(null, $"""
                SELECT c.{CheckpointColumns.Replace(", ", ", c.", StringComparison.Ordinal)}
                FROM checkpoints c JOIN runs r ON r.latest_checkpoint_id = c.id WHERE r.id = @run
                """)
            .With("@run", run.Value).SingleOrDefaultAsync(ReadCheckpoint, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<CheckpointRecord>> ListCheckpointsAsync(RunId run, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<CheckpointRecord>>(async connection =>
            await connection.Command(null, $"SELECT {CheckpointColumns} FROM checkpoints WHERE run_id = @run ORDER BY step").With("@run", run.Value)
                .ListAsync(ReadCheckpoint, cancellationToken).ConfigureAwait(false), cancellationToken);

    public async Task ForgetCheckpointsAsync(RunId run, IReadOnlyList<CheckpointId> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        await WriteAsync(async (connection, transaction) =>
        {
            foreach (var id in ids)
            {
                var row = await GetCheckpointAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
                if (row is null || row.Run != run)
                    continue; // already forgotten: a repeated call
                if (!row.Deleted)
                    throw RunStoreErrors.ForgetLive(id);
                await connection.Command(transaction, "DELETE FROM checkpoints WHERE id = @id").With("@id", id.Value)
                    .ExecuteAsync(cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    async Task ApplyRetentionAsync(DbConnection connection, DbTransaction transaction, RunId run, RetentionPolicy retention, CancellationToken cancellationToken)
    {
        var live = await connection.Command(transaction, $"SELECT {CheckpointColumns} FROM checkpoints WHERE run_id = @run AND NOT deleted")
            .With("@run", run.Value).ListAsync(ReadCheckpoint, cancellationToken).ConfigureAwait(false);
        var decision = Retention.Decide(live, retention);
        await connection.Command(transaction, "UPDATE checkpoints SET is_best = (id IS NOT DISTINCT FROM @best) WHERE run_id = @run AND NOT deleted")
            .With("@best", decision.Best?.Value).With("@run", run.Value).ExecuteAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in decision.Retire)
        {
            await connection.Command(transaction, "UPDATE checkpoints SET deleted = TRUE, is_best = FALSE WHERE id = @id").With("@id", id.Value)
                .ExecuteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    async Task<IReadOnlyList<CheckpointRecord>> RetiredAsync(DbConnection connection, DbTransaction transaction, RunId run, CancellationToken cancellationToken) =>
        await connection.Command(transaction, $"SELECT {CheckpointColumns} FROM checkpoints WHERE run_id = @run AND deleted ORDER BY step")
            .With("@run", run.Value).ListAsync(ReadCheckpoint, cancellationToken).ConfigureAwait(false);

    Task<CheckpointRecord?> GetCheckpointAsync(DbConnection connection, DbTransaction transaction, CheckpointId id, CancellationToken cancellationToken) =>
        connection.Command(transaction, $"SELECT {CheckpointColumns} FROM checkpoints WHERE id = @id").With("@id", id.Value)
            .SingleOrDefaultAsync(ReadCheckpoint, cancellationToken);

    CheckpointRecord ReadCheckpoint(DbDataReader r) => new(
        new CheckpointId(r.GetString(0)),
        RunId.Parse(r.GetString(1)),
        r.GetInt64(2),
        r.GetInt32(3),
        new PolicyVersion(r.GetInt64(4)),
        r.GetString(5),
        r.GetString(6),
        r.GetInt64(7),
        r.GetNullableString(8),
        r.GetNullableDouble(9),
        r.GetBoolean(10),
        _dialect.ReadTime(r, 11),
        r.GetBoolean(12));
}
