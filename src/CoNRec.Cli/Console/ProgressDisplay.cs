using CoNRec.Cluster.Pipeline;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CoNRec.Cli;

/// <summary>Where the parts of a long command write while its progress is shown.</summary>
/// <param name="Progress">Hears the pipeline's progress.</param>
/// <param name="Log">For the log's console sink: above the live view on a terminal, otherwise the error stream.</param>
/// <param name="Output">Results: on a terminal held back until the live view has ended, so it cannot tear it.</param>
public sealed record ProgressSession(IProgress<PipelineProgress> Progress, TextWriter Log, TextWriter Output);

/// <summary>
/// Runs a long command with its progress shown: a live table (<see cref="PipelineProgressView"/>) with the log
/// above it when <see cref="CliConsole.Interactive"/>, otherwise occasional plain lines (<see cref="PipelineProgressLines"/>)
/// between the log's, so pipes and CI logs stay readable.
/// </summary>
public static class ProgressDisplay
{
    public static Task<T> RunAsync<T>(CliConsole console, IEnumerable<string> stages, Func<ProgressSession, Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (!console.Interactive)
        {
            // The log and the progress lines come from several threads: one writer that takes whole lines.
            var error = TextWriter.Synchronized(console.Error);
            return body(new ProgressSession(new PipelineProgressLines(error), error, console.Out));
        }
        return RunLiveAsync(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Error) }), console.Out, stages, body);
    }

    /// <summary>The live table on <paramref name="terminal"/>; <paramref name="output"/> gets the results when it has ended.</summary>
    public static async Task<T> RunLiveAsync<T>(IAnsiConsole terminal, TextWriter output, IEnumerable<string> stages, Func<ProgressSession, Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(body);
        using var held = new StringWriter();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            return await terminal.Progress()
                .Columns(PipelineProgressView.Columns())
                .UseRenderHook((table, _) => WithElapsed(table, clock.Elapsed))
                .StartAsync(async context =>
                {
                    using var log = new LiveLogWriter(terminal);
                    try
                    {
                        return await body(new ProgressSession(new PipelineProgressView(context, stages), TextWriter.Synchronized(log), held));
                    }
                    finally
                    {
                        // Spectre draws the last state only on success: a failed stage must be seen too.
                        context.Refresh();
                    }
                });
        }
        finally
        {
            await output.WriteAsync(held.ToString());
            await output.FlushAsync();
        }
    }

    /// <summary>The table with the command's elapsed time under it.</summary>
    static Grid WithElapsed(IRenderable table, TimeSpan elapsed) =>
        new Grid().AddColumn().AddRow(table).AddRow(new Text($"elapsed {elapsed:hh\\:mm\\:ss}", new Style(Color.Grey)));
}
