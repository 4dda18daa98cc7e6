namespace CoNRec.Cli.Tests;

/// <summary>
/// One small synthetic world (300 users, 200 items, 30 days; generated in well under a second) written by
/// <c>conrec data synth</c>, shared by the tests of one class.
/// </summary>
public sealed class SyntheticWorldFixture : IDisposable
{
    public static readonly string[] SmallWorld = ["--users", "300", "--items", "200", "--days", "30"];

    readonly TempFolder _temp = new();

    public SyntheticWorldFixture()
    {
        DataPath = _temp.PathOf("world.conrec");
        var result = Conrec.RunAsync(["data", "synth", "--out", DataPath, .. SmallWorld]).GetAwaiter().GetResult();
        if (result.ExitCode != ExitCodes.Ok) throw new InvalidOperationException($"the fixture's world was not generated\n{result}");
    }

    /// <summary>The world's dataset file; tests must not change it.</summary>
    public string DataPath { get; }

    public void Dispose() => _temp.Dispose();
}
