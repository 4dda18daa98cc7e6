namespace CoNRec.Cli;

/// <summary>
/// Where a command writes: results to <see cref="Out"/>, messages and progress to <see cref="Error"/>.
/// Tests pass string writers; <see cref="Interactive"/> enables live progress bars on a terminal.
/// </summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool Interactive)
{
    public static CliConsole System => new(global::System.Console.Out, global::System.Console.Error,
        !global::System.Console.IsErrorRedirected && Environment.GetEnvironmentVariable("CI") is null);
}
