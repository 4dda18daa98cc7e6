using System.Data.Common;
using CoNRec.Core.Runs;

namespace CoNRec.Storage.Sql;

public abstract partial class SqlRunStore
{
    const string StepColumns = "run_id, step, stage_index, policy_version, samples, metrics, recorded_at";

    public Task<bool> RecordStepAsync(StepRecord step, CancellationToken cancellationToken = default)
    {
        RunStoreArguments.Check(step);
        var metrics = StoreJson.Metrics(step.Metrics);
        var recordedAt = StoreClock.Truncate(step.RecordedAt);
        return WriteAsync(async (connection, transaction) =>
        {
            if (await GetStageAsync(connection, transaction, step.Run, step.StageIndex, lockRow: false, cancellationToken).ConfigureAwait(false) is null)
                throw RunStoreErrors.UnknownStage(step.Run, step.StageIndex);
            // The primary key settles races and retries: a second insert of (run, step) does nothing.
            var inserted = await connection.Command(transaction, $"""
                INSERT INTO steps ({StepColumns}) VALUES (@run, @step, @stage, @version, @samples, @metrics, @at)
                ON CONFLICT (run_id, step) DO NOTHING
                """)
                .With("@run", step.Run.Value).With("@step", step.Step).With("@stage", step.StageIndex)
                .With("@version", step.PolicyVersion.Value).With("@samples", step.Samples)
                .WithJson("@metrics", metrics, _dialect).With("@at", _dialect.Time(recordedAt))
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
            var current = await GetRunAsync(connection, transaction, run, lockRow: true, cancellationToken).ConfigureAwait(false)
                ?? throw RunStoreErrors.UnknownRun(run);
            if (current.LatestCheckpoint is not null && step < current.Cursor.Step)
                throw RunStoreErrors.DiscardBeforeCheckpoint(run, step, current.Cursor.Step);
            var discarded = await connection.Command(transaction, "DELETE FROM steps WHERE run_id = @run AND step > @step")
                .With("@run", run.Value).With("@step", step).ExecuteAsync(cancellationToken).ConfigureAwait(false);
            await connection.Command(transaction, "DELETE FROM leases WHERE run_id = @run AND step > @step")
                .With("@run", run.Value).With("@step", step).ExecuteAsync(cancellationToken).ConfigureAwait(false);
            return discarded;
        }, cancellationToken);

    StepRecord ReadStep(DbDataReader r) => new(
        RunId.Parse(r.GetString(0)),
        r.GetInt64(1),
        r.GetInt32(2),
        new PolicyVersion(r.GetInt64(3)),
        r.GetInt64(4),
        StoreJson.Metrics(r.GetString(5)),
        _dialect.ReadTime(r, 6));
}
