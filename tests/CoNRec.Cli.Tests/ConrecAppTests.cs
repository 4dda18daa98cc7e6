using CoNRec.Core.Data;

namespace CoNRec.Cli.Tests;

public sealed class ConrecAppTests : IDisposable
{
    readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_cancelled_run_exits_with_130_and_writes_nothing()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        var path = _temp.PathOf("world.conrec");

        var exit = await ConrecApp.RunAsync(["data", "synth", "--users", "300", "--out", path], new CliConsole(output, error, false), cancel.Token);

        Assert.Equal(ExitCodes.Cancelled, exit);
        Assert.Empty(_temp.Files());
    }

    [Fact]
    public async Task Results_go_to_the_output_stream_and_progress_to_the_error_stream()
    {
        var path = _temp.PathOf("world.conrec");

        var result = await Conrec.RunOkAsync(["data", "synth", "--out", path, .. SyntheticWorldFixture.SmallWorld]);

        Assert.StartsWith("wrote ", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("%", result.Out, StringComparison.Ordinal);
        Assert.Contains("synth: 100%", result.Error, StringComparison.Ordinal);
        Assert.True(DatasetFile.Read(path).UserCount == 300);
    }
}
