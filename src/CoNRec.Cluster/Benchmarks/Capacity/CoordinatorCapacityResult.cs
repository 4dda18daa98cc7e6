namespace CoNRec.Cluster.Benchmarks.Capacity;

/// <summary>One worker count over every round: rates are the timed windows' totals over their summed seconds.</summary>
public sealed record CapacityLine(IReadOnlyList<CapacityPoint> Points)
{
    public int Workers => Points[0].Workers;
    double Seconds => Points.Sum(p => p.Seconds);
    public double LeasesPerSecond => Points.Sum(p => p.Measured.Leases) / Seconds;
    public double ResultsPerSecond => Points.Sum(p => p.Measured.ResultsAccepted) / Seconds;
    public double RolloutsPerSecond => Points.Sum(p => p.Measured.RolloutsAccepted) / Seconds;
    public double ScoresPerSecond => Points.Sum(p => p.Measured.ScoresAccepted) / Seconds;
    public double StepsPerSecond => Points.Sum(p => p.Measured.StepsLearned) / Seconds;
    public double HandOffShare => Points.Sum(p => p.HandOffSeconds) / Seconds;
    public long LeasesReleased => Points.Sum(p => p.Measured.LeasesReleased);
    public long StepsInStore => Points.Sum(p => p.StepsInStore);
    public double SlowestResultsPerSecond => Points.Min(p => p.ResultsPerSecond);
    public double FastestResultsPerSecond => Points.Max(p => p.ResultsPerSecond);
}

/// <summary>Every worker count in the order asked, and how the most workers compare with the fewest.</summary>
public sealed record CoordinatorCapacityResult(IReadOnlyList<CapacityLine> Lines)
{
    public CapacityLine Fewest => Lines.MinBy(l => l.Workers)!;
    public CapacityLine Most => Lines.MaxBy(l => l.Workers)!;
    public double Flatness => Most.ResultsPerSecond / Fewest.ResultsPerSecond;
    public CapacityLine? AtTarget => Lines.FirstOrDefault(l => l.Workers == CoordinatorCapacityBenchmark.TargetWorkers);
}
