using CoNRec.Core.Runs;
using ScottPlot;

namespace CoNRec.Cluster.Reporting;

/// <summary>The step plots of a run report, drawn with ScottPlot (SkiaSharp, so no display is needed).</summary>
internal static class RunPlots
{
    static readonly Color LineColor = Colors.C0;
    static readonly Color BoundaryColor = Colors.DimGray;

    /// <summary>A metric by step, optionally with a band (e.g. mean ± std), and the stage boundaries.</summary>
    public static void Metric(
        string path,
        string title,
        string metric,
        IReadOnlyList<SeriesSegment> line,
        SeriesBand? band,
        IReadOnlyList<StageBoundary> boundaries,
        RunReportOptions options)
    {
        var plot = new Plot();
        if (band is { } b)
        {
            for (var i = 0; i < b.Lower.Count; i++)
            {
                var fill = plot.Add.FillY(b.Lower[i].Steps, b.Lower[i].Values, b.Upper[i].Values);
                fill.FillColor = LineColor.WithAlpha(0.25);
                fill.LineWidth = 0;
                fill.LegendText = i == 0 ? b.Label : "";
            }
        }

        for (var i = 0; i < line.Count; i++)
        {
            var scatter = plot.Add.ScatterLine(line[i].Steps, line[i].Values, LineColor);
            scatter.LineWidth = 2;
            // A lone step would be invisible as a line.
            scatter.MarkerSize = line[i].Steps.Length == 1 ? 5 : 0;
            scatter.LegendText = i == 0 && band is not null ? metric : "";
        }

        if (band is not null)
            plot.ShowLegend(Alignment.LowerRight);
        Finish(plot, path, title, metric, boundaries, options);
    }

    /// <summary>The share of each step's time per phase, stacked to 100 %, drawn as one block per step.</summary>
    public static void Timing(string path, IReadOnlyList<StepRecord> steps, IReadOnlyList<StageBoundary> boundaries, RunReportOptions options)
    {
        var generation = StepSeries.Segments(steps, m => Percent(m, p => p.Generation));
        var reward = StepSeries.Segments(steps, m => Percent(m, p => p.Generation + p.Reward));
        var top = StepSeries.Segments(steps, m => Percent(m, _ => 100));

        var plot = new Plot();
        (string Label, Color Color)[] phases = [("generation", Colors.C0), ("reward", Colors.C1), ("update", Colors.C2)];
        for (var i = 0; i < generation.Count; i++)
        {
            var zero = new double[generation[i].Values.Length];
            IReadOnlyList<double[]> bounds = [zero, generation[i].Values, reward[i].Values, top[i].Values];
            for (var p = 0; p < phases.Length; p++)
            {
                var (xs, lower) = Staircase(generation[i].Steps, bounds[p]);
                var (_, upper) = Staircase(generation[i].Steps, bounds[p + 1]);
                var fill = plot.Add.FillY(xs, lower, upper);
                fill.FillColor = phases[p].Color.WithAlpha(0.8);
                fill.LineWidth = 0;
                fill.LegendText = i == 0 ? phases[p].Label : "";
            }
        }

        plot.Axes.SetLimitsY(0, 100);
        plot.ShowLegend(Alignment.LowerRight);
        // Rules on the block edges: a stage's first block starts half a step before its step.
        Finish(plot, path, "Share of step time per phase", "% of step time", boundaries, options, boundaryOffset: -0.5);
        return;

        static double? Percent(IReadOnlyDictionary<string, double> metrics, Func<PhaseSeconds, double> pick) =>
            PhaseTiming.Of(metrics)?.AsPercent() is { } percent ? pick(percent) : null;
    }

    static void Finish(
        Plot plot, string path, string title, string yLabel, IReadOnlyList<StageBoundary> boundaries, RunReportOptions options, double boundaryOffset = 0)
    {
        foreach (var boundary in boundaries)
        {
            var rule = plot.Add.VerticalLine(boundary.FirstStep + boundaryOffset, 1.5f, BoundaryColor, LinePattern.Dashed);
            rule.Text = boundary.Name;
            rule.LabelOppositeAxis = true;
            rule.LabelFontSize = 12;
            rule.LabelBackgroundColor = BoundaryColor;
            rule.LabelFontColor = Colors.White;
        }

        plot.Title(title);
        // Room above the data area for the stage labels, which sit on its top edge, below the title.
        plot.Axes.Top.MinimumSize = 36;
        plot.XLabel("step");
        plot.YLabel(yLabel);
        plot.SavePng(path, options.PlotWidth, options.PlotHeight);
    }

    // Each step becomes a block [step - 0.5, step + 0.5], so a stage of one step still shows and shares read per step.
    static (double[] Xs, double[] Ys) Staircase(double[] steps, double[] values)
    {
        var xs = new double[steps.Length * 2];
        var ys = new double[steps.Length * 2];
        for (var i = 0; i < steps.Length; i++)
        {
            xs[2 * i] = steps[i] - 0.5;
            xs[2 * i + 1] = steps[i] + 0.5;
            ys[2 * i] = ys[2 * i + 1] = values[i];
        }

        return (xs, ys);
    }
}
