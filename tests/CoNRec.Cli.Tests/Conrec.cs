namespace CoNRec.Cli.Tests;

/// <summary>What one in-process run of <c>conrec</c> printed and returned.</summary>
internal sealed record RunResult(int ExitCode, string Out, string Error)
{
    /// <summary>The lines of the error stream that start with "error:".</summary>
    public string[] ErrorLines => [.. Lines(Error).Where(l => l.StartsWith("error:", StringComparison.Ordinal))];

    public static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- out ---\n{Out}\n--- error ---\n{Error}";
}

/// <summary>Runs the command line in this process, as a pipe would see it (not interactive), capturing both streams.</summary>
internal static class Conrec
{
    public static async Task<RunResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await ConrecApp.RunAsync(args, new CliConsole(output, error, Interactive: false), CancellationToken.None);
        return new RunResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs and fails the test with both streams shown when the exit code is not 0.</summary>
    public static async Task<RunResult> RunOkAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == ExitCodes.Ok, $"conrec {string.Join(' ', args)}\n{result}");
        return result;
    }
}
