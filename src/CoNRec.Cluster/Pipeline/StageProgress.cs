using System.Globalization;

namespace CoNRec.Cluster.Pipeline;

/// <summary>
/// Reports one stage's progress to the pipeline's <see cref="PipelineProgress"/> sink (none: every call is a no-op).
/// Work reports from several threads, out of order: a report below the last one is dropped, reports are handed on
/// one at a time, and nothing is reported once the stage has ended.
/// </summary>
sealed class StageProgress(IProgress<PipelineProgress>? sink, string stage)
{
    readonly Lock _gate = new();
    double _fraction;
    string _detail = "";
    bool _ended;

    public void Report(double fraction, string detail) => Send(StageState.Running, fraction, detail);

    /// <param name="detail">null: the last report's detail ("RQ-VAE epoch 10/10").</param>
    public void Completed(string? detail = null) => Send(StageState.Completed, 1, detail);

    public void Skipped() => Send(StageState.Skipped, 1, "already completed");

    public void Failed(string? detail) => Send(StageState.Failed, fraction: null, detail);

    /// <summary>A part of the stage: a fraction f of the part is <paramref name="from"/> + f (<paramref name="to"/> - from) of the stage.</summary>
    public IProgress<double>? Part(Func<double, string> detail, double from = 0, double to = 1) =>
        sink is null ? null : new Mapped<double>(this, f => (from + Math.Clamp(f, 0, 1) * (to - from), detail(f)));

    /// <summary>Reports of another kind, mapped to a fraction of the stage and a detail.</summary>
    public IProgress<T>? Of<T>(Func<T, (double Fraction, string Detail)> map) => sink is null ? null : new Mapped<T>(this, map);

    /// <summary>"12/48" for a fraction of a count, rounded to the nearest whole.</summary>
    public static string CountOf(double fraction, long total) =>
        string.Create(CultureInfo.InvariantCulture, $"{(long)Math.Round(Math.Clamp(fraction, 0, 1) * total)}/{total}");

    /// <param name="fraction">null: where the stage stands.</param>
    /// <param name="detail">null: the last report's.</param>
    void Send(StageState state, double? fraction, string? detail)
    {
        if (sink is null) return;
        lock (_gate)
        {
            if (_ended || fraction < _fraction || double.IsNaN(fraction ?? 0)) return;
            _fraction = Math.Clamp(fraction ?? _fraction, 0, 1);
            _detail = detail ?? _detail;
            _ended = state != StageState.Running;
            sink.Report(new PipelineProgress(stage, state, _fraction, _detail));
        }
    }

    sealed class Mapped<T>(StageProgress stage, Func<T, (double Fraction, string Detail)> map) : IProgress<T>
    {
        public void Report(T value)
        {
            var (fraction, detail) = map(value);
            stage.Report(fraction, detail);
        }
    }

    /// <summary>Hands each report to both (either may be null).</summary>
    public static IProgress<T>? Both<T>(IProgress<T>? first, IProgress<T>? second) =>
        first is null ? second : second is null ? first : new Pair<T>(first, second);

    sealed class Pair<T>(IProgress<T> first, IProgress<T> second) : IProgress<T>
    {
        public void Report(T value)
        {
            first.Report(value);
            second.Report(value);
        }
    }
}
