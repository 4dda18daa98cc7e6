using CoNRec.Core.Runs;

namespace CoNRec.Cluster.Reporting;

/// <summary>Where a stage starts on the step axis: the first recorded step of the stage.</summary>
internal sealed record StageBoundary(int StageIndex, string Name, long FirstStep);

/// <summary>Consecutive steps of one stage that all carry a value: one unbroken line in a plot.</summary>
internal sealed record SeriesSegment(int StageIndex, double[] Steps, double[] Values);

/// <summary>A band around a line (e.g. mean ± std), segmented like the line.</summary>
internal sealed record SeriesBand(IReadOnlyList<SeriesSegment> Lower, IReadOnlyList<SeriesSegment> Upper, string Label);

/// <summary>Turns step records (ordered by step) into plot series and stage boundaries.</summary>
internal static class StepSeries
{
    public static IReadOnlyList<StageBoundary> Boundaries(IReadOnlyList<StageRecord> stages, IReadOnlyList<StepRecord> steps)
    {
        var names = stages.ToDictionary(s => s.Index, s => s.Name);
        var seen = new HashSet<int>();
        var boundaries = new List<StageBoundary>();
        foreach (var step in steps)
        {
            if (seen.Add(step.StageIndex))
                boundaries.Add(new StageBoundary(step.StageIndex, names.GetValueOrDefault(step.StageIndex, $"stage {step.StageIndex}"), step.Step));
        }

        return boundaries;
    }

    /// <summary>The segments of one metric; a missing or non-finite value or a new stage breaks the line, so
    /// a line never bridges steps that lack the metric.</summary>
    public static IReadOnlyList<SeriesSegment> Segments(IReadOnlyList<StepRecord> steps, string key) =>
        Segments(steps, m => m.TryGetValue(key, out var v) ? v : null);

    public static IReadOnlyList<SeriesSegment> Segments(IReadOnlyList<StepRecord> steps, Func<IReadOnlyDictionary<string, double>, double?> value)
    {
        var segments = new List<SeriesSegment>();
        var xs = new List<double>();
        var ys = new List<double>();
        var stage = -1;
        foreach (var step in steps)
        {
            var y = value(step.Metrics);
            var usable = y is { } v && double.IsFinite(v);
            if (!usable || step.StageIndex != stage)
                Flush();
            if (!usable)
                continue;
            stage = step.StageIndex;
            xs.Add(step.Step);
            ys.Add(y!.Value);
        }

        Flush();
        return segments;

        void Flush()
        {
            if (xs.Count > 0)
                segments.Add(new SeriesSegment(stage, [.. xs], [.. ys]));
            xs.Clear();
            ys.Clear();
            stage = -1;
        }
    }

    /// <summary>Whether any step carries a finite value of <paramref name="key"/>.</summary>
    public static bool Has(IReadOnlyList<StepRecord> steps, string key) =>
        steps.Any(s => s.Metrics.TryGetValue(key, out var v) && double.IsFinite(v));
}
