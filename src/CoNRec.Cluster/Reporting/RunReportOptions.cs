namespace CoNRec.Cluster.Reporting;

/// <summary>How <see cref="RunReport"/> draws and summarises a run.</summary>
public sealed record RunReportOptions
{
    public static RunReportOptions Default { get; } = new();

    /// <summary>Pixel width of the metric and timing plots.</summary>
    public int PlotWidth { get; init; } = 1000;

    /// <summary>Pixel height of the metric and timing plots.</summary>
    public int PlotHeight { get; init; } = 450;

    /// <summary>At most this many config settings are listed in the summary; the rest are counted.</summary>
    public int ConfigSettings { get; init; } = 40;

    public void Validate()
    {
        if (PlotWidth is < 200 or > 8000)
            throw new ArgumentException($"report.plotWidth must be in [200, 8000] (got {PlotWidth})");
        if (PlotHeight is < 150 or > 8000)
            throw new ArgumentException($"report.plotHeight must be in [150, 8000] (got {PlotHeight})");
        if (ConfigSettings < 0)
            throw new ArgumentException($"report.configSettings must be >= 0 (got {ConfigSettings})");
    }
}
