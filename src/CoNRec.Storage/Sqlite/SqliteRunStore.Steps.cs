using CoNRec.Core.Runs;
using Microsoft.Data.Sqlite;

namespace CoNRec.Storage.Sqlite;

public sealed partial class SqliteRunStore
{
    const string StageSelect = """
        SELECT s.run_id, s.stage_index, s.name, s.kind, s.beta, s.sample_budget,
               coalesce((SELECT sum(t.samples) FROM steps t WHERE t.run_id = s.run_id AND t.stage_index = s.stage_index), 0),
               s.status, s.started_at, s.finished_at
        FROM stages s
        """;

    const string StepColumns = "run_id, step, stage_index, policy_version, samples, metrics, recorded_at";

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
            var stage = await GetStageAsync(connection, transaction, run, stageIndex, cancellationToken).ConfigureAwait(false)
                ?? throw RunStoreErrors.UnknownStage(run, stageIndex);
            var next = stage.WithStatus(status, now);
            await connection.Command(transaction, """
                UPDATE stages SET status = @status, started_at = @started, finished_at = @finished
                WHERE run_id = @run AND stage_index = @index
                """)
                .With("@status", next.Status.ToString()).With("@started", SqliteSql.Time(next.StartedAt)).With("@finished", SqliteSql.Time(next.FinishedAt))
                .With("@run", run.Value).With("@index", stageIndex)
                .ExecuteAsync(cancellationToken).ConfigureAwait(false);
            return next;
        }, cancellationToken);
    }

    public Task<bool> RecordStepAsync(StepRecord step, CancellationToken cancellationToken = default)
    {
        RunStoreArguments.Check(step);
        return WriteAsync(async (connection, transaction) =>
        {
            if (await GetStageAsync(connection, transaction, step.Run, step.StageIndex, cancellationToken).ConfigureAwait(false) is null)
                throw RunStoreErrors.UnknownStage(step.Run, step.StageIndex);
            var inserted = await connection.Command(transaction, $"""
                INSERT INTO steps ({StepColumns}) VALUES (@run, @step, @stage, @version, @samples, @metrics, @at)
                ON CONFLICT (run_id, step) DO NOTHING
                """)
                .With("@run", step.Run.Value).With("@step", step.Step).With("@stage", step.StageIndex)
                .With("@version", step.PolicyVersion.Value).With("@samples", step.Samples)
                .With("@metrics", StoreJson.Metrics(step.Metrics)).With("@at", SqliteSql.Time(step.RecordedAt))
                .ExecuteAsync(cancellationToken).ConfigureAwait(false);
            return inserted == 1;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<StepRecord>> GetStepsAsync(RunId run, long fromStep = 0, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<StepRecord>>(async connection =>
            await connection.Command(null, $"SELECT {StepColumns} FROM steps WHERE run_id = @run AND step >= @from ORDER BY step")
                .With("@run", run.Value).With("@from", fromStep)
                .ListAsync(ReadStep, cancellationToken).ConfigureAwait(false), cancellationToken);

    public Task<int> DiscardAfterAsync(RunId run, long step, CancellationToken cancellationToken = default) =>
        WriteAsync(async (connection, transaction) =>
        {
            var current = await GetRunAsync(connection, transaction, run, cancellationToken).ConfigureAwait(false) ?? throw RunStoreErrors.UnknownRun(run);
            if (current.LatestCheckpoint is not null && step < current.Cursor.Step)
                throw RunStoreErrors.DiscardBeforeCheckpoint(run, step, current.Cursor.Step);
            var discarded = await connection.Command(transaction, "DELETE FROM steps WHERE run_id = @run AND step > @step")
                .With("@run", run.Value).With("@step", step).ExecuteAsync(cancellationToken).ConfigureAwait(false);
            await connection.Command(transaction, "DELETE FROM leases WHERE run_id = @run AND step > @step")
                .With("@run", run.Value).With("@step", step).ExecuteAsync(cancellationToken).ConfigureAwait(false);
            return discarded;
        }, cancellationToken);

    static Task<StageRecord?> GetStageAsync(SqliteConnection connection, SqliteTransaction transaction, RunId run, int index, CancellationToken cancellationToken) =>
        connection.Command(transaction, StageSelect + " WHERE s.run_id = @run AND s.stage_index = @index")
            .With("@run", run.Value).With("@index", index)
            .SingleOrDefaultAsync(ReadStage, cancellationToken);

    static StageRecord ReadStage(SqliteDataReader r) => new(
        RunId.Parse(r.GetString(0)),
        r.GetInt32(1),
        r.GetString(2),
        r.GetString(3),
        r.GetNullableDouble(4),
        r.GetInt64(5),
        r.GetInt64(6),
        Enum.Parse<StageStatus>(r.GetString(7)),
        r.GetNullableTime(8),
        r.GetNullableTime(9));

    static StepRecord ReadStep(SqliteDataReader r) => new(
        RunId.Parse(r.GetString(0)),
        r.GetInt64(1),
        r.GetInt32(2),
        new PolicyVersion(r.GetInt64(3)),
        r.GetInt64(4),
        StoreJson.Metrics(r.GetString(5)),
        r.GetTime(6));
}
