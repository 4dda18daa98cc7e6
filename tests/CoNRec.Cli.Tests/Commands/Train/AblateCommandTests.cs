namespace CoNRec.Cli.Tests.Commands.Train;

public sealed class AblateCommandTests
{
    [Fact]
    public async Task Ablate_needs_exactly_one_of_config_and_demo()
    {
        var neither = await Conrec.RunAsync("ablate");

        Assert.Equal(ExitCodes.BadInput, neither.ExitCode);
        Assert.Contains("exactly one of --config FILE and --demo", Assert.Single(neither.ErrorLines));
    }

    [Fact]
    public async Task Ablate_with_a_missing_config_names_the_file_and_writes_nothing()
    {
        using var temp = new TempFolder();

        var result = await Conrec.RunAsync("ablate", "--config", temp.PathOf("absent.yaml"), "--run-dir", temp.PathOf("run"));

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("absent.yaml", Assert.Single(result.ErrorLines));
        Assert.False(Directory.Exists(temp.PathOf("run")));
    }
}
