using System.Globalization;
using CoNRec.Cluster.Pipeline;

namespace CoNRec.Cli;

/// <summary>
/// Pipeline progress without a terminal (a pipe, a file, CI): one line per stage each time it passes another 10%,
/// e.g. <c>grpo: 50% step 24/48, negatives (2/3), reward/mean 0.412 (212.4s)</c>, in the format of
/// <see cref="ProgressLine"/>. Skipped and failed stages add nothing: the log already says so.
/// </summary>
public sealed class PipelineProgressLines(TextWriter error) : IProgress<PipelineProgress>
{
    readonly Lock _gate = new();
    readonly Dictionary<string, Shown> _stages = new(StringComparer.Ordinal);

    public void Report(PipelineProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.State is not (StageState.Running or StageState.Completed)) return;
        var percent = (int)Math.Clamp(Math.Floor(value.Fraction * 100), 0, 100);
        lock (_gate)
        {
            if (!_stages.TryGetValue(value.Stage, out var shown)) _stages[value.Stage] = shown = new Shown();
            if (percent / 10 <= shown.Decile) return;
            shown.Decile = percent / 10;
            var detail = value.Detail.Length > 0 ? " " + value.Detail : "";
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{value.Stage}: {percent}%{detail} ({shown.Clock.Elapsed.TotalSeconds:0.0}s)"));
        }
    }

    sealed class Shown
    {
        public System.Diagnostics.Stopwatch Clock { get; } = System.Diagnostics.Stopwatch.StartNew();

        /// <summary>The last tenth shown: a stage's 0% is not worth a line (the log says it started).</summary>
        public int Decile { get; set; }
    }
}
