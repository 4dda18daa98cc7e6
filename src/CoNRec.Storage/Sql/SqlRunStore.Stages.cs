using System.Data.Common;
using CoNRec.Core.Runs;

namespace CoNRec.Storage.Sql;

public abstract partial class SqlRunStore
{
    // Samples done is summed over the stage's steps, so a step can never be counted twice.
    const string StageSelect = """
        SELECT s.run_id, s.stage_index, s.name, s.kind, s.beta, s.sample_budget,
               CAST(coalesce((SELECT sum(t.samples) FROM steps t WHERE t.run_id = s.run_id AND t.stage_index = s.stage_index), 0) AS bigint),
               s.status, s.started_at, s.finished_at
        FROM stages s
        """;

    public async Task UpsertStagesAsync(RunId run, IReadOnlyList<StagePlan> stages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stages);
        foreach (var stage in stages)
            RunStoreArguments.Check(stage);
        await WriteAsync(async (connection, transaction) =>
        {
            await EnsureRunAsync(connection, transaction, run, cancellationToken).ConfigureAwait(false);
            foreach (var stage in stages)
            {
                await connection.Command(transaction, """
                    INSERT INTO stages (run_id, stage_index, name, kind, beta, sample_budget, status)
                    VALUES (@run, @index, @name, @kind, @beta, @budget, 'Pending')
                    ON CONFLICT (run_id, stage_index) DO UPDATE
                    SET name = excluded.name, kind = excluded.kind, beta = excluded.beta, sample_budget = excluded.sample_budget
                    """)
                    .With("@run", run.Value).With("@index", stage.Index).With("@name", stage.Name).With("@kind", stage.Kind)
                    .With("@beta", stage.Beta).With("@budget", stage.SampleBudget)
                    .ExecuteAsync(cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<StageRecord>> GetStagesAsync(RunId run, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<StageRecord>>(async connection =>
            await connection.Command(null, StageSelect + " WHERE s.run_id = @run ORDER BY s.stage_index").With("@run", run.Value)
                .ListAsync(ReadStage, cancellationToken).ConfigureAwait(false), cancellationToken);

    public Task<StageRecord> SetStageStatusAsync(RunId run, int stageIndex, StageStatus status, CancellationToken cancellationToken = default)
    {
        var now = StoreClock.Now(_time);
        return WriteAsync(async (connection, transaction) =>
        {
            var stage = await GetStageAsync(connection, transaction, run, stageIndex, lockRow: true, cancellationToken).ConfigureAwait(false)
                ?? throw RunStoreErrors.UnknownStage(run, stageIndex);
            var next = stage.WithStatus(status, now);
            await connection.Command(transaction, """
                UPDATE stages SET status = @status, started_at = @started, finished_at = @finished
                WHERE run_id = @run AND stage_index = @index
                """)
                .With("@status", next.Status.ToString()).With("@started", _dialect.Time(next.StartedAt)).With("@finished", _dialect.Time(next.FinishedAt))
                .With("@run", run.Value).With("@index", stageIndex)
                .ExecuteAsync(cancellationToken).ConfigureAwait(false);
            return next;
        }, cancellationToken);
    }

    Task<StageRecord?> GetStageAsync(DbConnection connection, DbTransaction transaction, RunId run, int index, bool lockRow, CancellationToken cancellationToken) =>
        connection.Command(transaction, StageSelect + " WHERE s.run_id = @run AND s.stage_index = @index" + (lockRow ? _dialect.LockForUpdate("s") : ""))
            .With("@run", run.Value).With("@index", index)
            .SingleOrDefaultAsync(ReadStage, cancellationToken);

    StageRecord ReadStage(DbDataReader r) => new(
        RunId.Parse(r.GetString(0)),
        r.GetInt32(1),
        r.GetString(2),
        r.GetString(3),
        r.GetNullableDouble(4),
        r.GetInt64(5),
        r.GetInt64(6),
        Enum.Parse<StageStatus>(r.GetString(7)),
        _dialect.ReadNullableTime(r, 8),
        _dialect.ReadNullableTime(r, 9));
}
