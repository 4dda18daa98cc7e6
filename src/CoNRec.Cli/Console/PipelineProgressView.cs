using CoNRec.Cluster.Pipeline;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CoNRec.Cli;

/// <summary>
/// Pipeline progress as a live table on a terminal, one row per stage: a mark (a spinner while it runs), the stage,
/// a bar, the percentage, the stage's elapsed time and the detail of its last report. Stages the table was not
/// built with get a row when they first report.
/// </summary>
public sealed class PipelineProgressView : IProgress<PipelineProgress>
{
    readonly ProgressContext _context;
    readonly Lock _gate = new();
    readonly Dictionary<string, ProgressTask> _rows = new(StringComparer.Ordinal);

    public PipelineProgressView(ProgressContext context, IEnumerable<string> stages)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(stages);
        _context = context;
        foreach (var stage in stages) Row(stage);
    }

    /// <summary>The table's columns, the first three reading the state each row's tag holds.</summary>
    public static ProgressColumn[] Columns() =>
    [
        new MarkColumn(),
        new StageColumn(),
        new ProgressBarColumn { Width = 24 },
        new PercentageColumn(),
        new ElapsedTimeColumn(),
        new DetailColumn(),
    ];

    public void Report(PipelineProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            var task = Row(value.Stage);
            var row = (RowState)task.Tag!;
            if (!task.IsStarted) task.StartTask();
            task.Value = value.Fraction;
            (row.State, row.Detail) = (value.State, value.Detail);
            if (value.State != StageState.Running) task.StopTask();
        }
    }

    ProgressTask Row(string stage)
    {
        if (_rows.TryGetValue(stage, out var task)) return task;
        task = _context.AddTask(stage, autoStart: false, maxValue: 1);
        task.Tag = new RowState();
        return _rows[stage] = task;
    }

    /// <summary>A row's state: written under the view's lock, read by the refresh thread (a torn read shows for one frame).</summary>
    sealed class RowState
    {
        public StageState? State { get; set; }
        public string Detail { get; set; } = "";
    }

    static RowState StateOf(ProgressTask task) => task.Tag as RowState ?? new RowState();

    sealed class MarkColumn : ProgressColumn
    {
        readonly SpinnerColumn _spinner = new();

        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) => StateOf(task).State switch
        {
            null => new Text(" "),
            StageState.Running => _spinner.Render(options, task, deltaTime),
            StageState.Completed => new Text(options.Unicode ? "✔" : "+", new Style(Color.Green)),
            StageState.Skipped => new Text(options.Unicode ? "↷" : "-", new Style(Color.Grey)),
            _ => new Text(options.Unicode ? "✗" : "x", new Style(Color.Red)),
        };

        public override int? GetColumnWidth(RenderOptions options) => 1;
    }

    sealed class StageColumn : ProgressColumn
    {
        protected override bool NoWrap => true;

        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.Description, StateOf(task).State switch
            {
                null or StageState.Skipped => new Style(Color.Grey),
                StageState.Failed => new Style(Color.Red),
                _ => Style.Plain,
            });
    }

    sealed class DetailColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(StateOf(task).Detail, new Style(Color.Grey));
    }
}
