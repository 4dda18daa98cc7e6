using System.Text.RegularExpressions;
using CoNRec.Cluster.Pipeline;
using Spectre.Console;

namespace CoNRec.Cli.Tests.Console;

public sealed partial class ProgressDisplayTests
{
    static readonly string[] Stages = ["data", "sid", "grpo"];

    [Fact]
    public async Task On_a_terminal_the_table_shows_each_stage_with_log_lines_above_it_and_results_after_it()
    {
        using var screen = new StringWriter();
        var terminal = Terminal(screen);
        using var output = new StringWriter();

        var answer = await ProgressDisplay.RunLiveAsync(terminal, output, Stages, async session =>
        {
            session.Progress.Report(new PipelineProgress("data", StageState.Skipped, 1, "already completed"));
            session.Progress.Report(new PipelineProgress("sid", StageState.Running, 0.3, "RQ-VAE epoch 3/10"));
            await session.Log.WriteLineAsync("12:00:01 INF train | Stage sid starting");
            await session.Log.FlushAsync();
            session.Progress.Report(new PipelineProgress("sid", StageState.Completed, 1, "RQ-VAE epoch 10/10"));
            session.Progress.Report(new PipelineProgress("grpo", StageState.Running, 0.5, "step 1/2, grpo-recent (1/2), reward/mean 0.125"));
            await session.Output.WriteLineAsync("the evaluation table");
            Assert.Equal("", output.ToString());
            return 42;
        });

        var frames = Plain(screen.ToString());
        var last = frames[(frames.LastIndexOf("Stage sid starting", StringComparison.Ordinal) + 1)..];
        Assert.Equal(42, answer);
        // The log line replaces the table from its first line down, and the table is drawn again below it.
        Assert.Contains("\u001b[J12:00:01 INF train | Stage sid starting", screen.ToString(), StringComparison.Ordinal);
        Assert.Equal("the evaluation table" + Environment.NewLine, output.ToString());
        Assert.Matches(@"↷ data\s+━+\s+100%\s+\d\d:\d\d:\d\d\s+already completed", last);
        Assert.Matches(@"✔ sid\s+━+\s+100%\s+\d\d:\d\d:\d\d\s+RQ-VAE epoch 10/10", last);
        Assert.Matches(@"grpo\s+━+\s+50%\s+\d\d:\d\d:\d\d\s+step 1/2, grpo-recent \(1/2\), reward/mean 0\.125", last);
        Assert.Matches(@"elapsed \d\d:\d\d:\d\d", last);
    }

    [Fact]
    public async Task The_results_written_before_a_failure_still_reach_the_output()
    {
        using var screen = new StringWriter();
        using var output = new StringWriter();

        await Assert.ThrowsAsync<InvalidOperationException>(() => ProgressDisplay.RunLiveAsync<int>(Terminal(screen), output, Stages, async session =>
        {
            await session.Output.WriteLineAsync("partial");
            session.Progress.Report(new PipelineProgress("sid", StageState.Failed, 0.3, "failed (see the log)"));
            throw new InvalidOperationException("boom");
        }));

        Assert.Equal("partial" + Environment.NewLine, output.ToString());
        Assert.Contains("✗ sid", Plain(screen.ToString()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_terminal_log_and_progress_share_the_error_stream_and_results_go_straight_out()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, Interactive: false);

        await ProgressDisplay.RunAsync(console, Stages, async session =>
        {
            await session.Log.WriteLineAsync("12:00:01 INF train | Stage sid starting");
            session.Progress.Report(new PipelineProgress("sid", StageState.Completed, 1, "RQ-VAE epoch 10/10"));
            await session.Output.WriteLineAsync("the evaluation table");
            Assert.Equal("the evaluation table" + Environment.NewLine, output.ToString());
            return 0;
        });

        var lines = RunResult.Lines(error.ToString());
        Assert.Equal("12:00:01 INF train | Stage sid starting", lines[0]);
        Assert.StartsWith("sid: 100% RQ-VAE epoch 10/10 (", lines[1], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
    }

    /// <summary>A terminal that writes to <paramref name="screen"/>: ANSI, interactive, Unicode, 120 columns.</summary>
    static IAnsiConsole Terminal(StringWriter screen)
    {
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(screen),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
        });
        terminal.Profile.Width = 120;
        terminal.Profile.Capabilities.Unicode = true;
        return terminal;
    }

    /// <summary>The screen's text without ANSI control sequences.</summary>
    static string Plain(string text) => Ansi().Replace(text, "");

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Ansi();
}
