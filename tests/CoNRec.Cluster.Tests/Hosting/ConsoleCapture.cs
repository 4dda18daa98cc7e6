namespace CoNRec.Cluster.Tests.Hosting;

/// <summary>
/// Tests that swap the process's Console.Out or Serilog's static logger: they run alone, after the parallel
/// collections, so nothing else writes to what they capture.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCapture
{
    public const string Name = "console capture";
}
