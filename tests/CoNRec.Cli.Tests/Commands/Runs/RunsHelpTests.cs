namespace CoNRec.Cli.Tests.Commands.Runs;

public sealed class RunsHelpTests
{
    public static TheoryData<string, string[]> CommandsAndWhatTheirHelpLists => new()
    {
        { "runs", ["list", "show"] },
        { "runs list", ["--store", "--run-dir", "--store-timeout", "CONREC_STORE", "3 s by default"] },
        { "runs show", ["<RUN>", "--steps", "--store", "--run-dir", "--store-timeout", "3 s by default"] },
        { "report", ["<RUN>", "--out", "--eval", "--store", "--run-dir", "--store-timeout", "3 s by default"] },
        { "db", ["migrate"] },
        { "db migrate", ["--store", "--store-timeout", "CONREC_STORE_PASSWORD", "CONREC_STORE_PASSWORD_FILE", "3 s by default"] },
    };

    [Theory]
    [MemberData(nameof(CommandsAndWhatTheirHelpLists))]
    public async Task Help_lists_the_subcommands_options_and_the_short_store_timeout(string command, string[] listed)
    {
        var result = await Conrec.RunAsync([.. command.Split(' '), "--help"]);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        foreach (var text in listed) Assert.Contains(text, result.Out, StringComparison.Ordinal);
    }
}
