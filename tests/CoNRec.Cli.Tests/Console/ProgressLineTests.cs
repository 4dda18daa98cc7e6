using System.Globalization;

namespace CoNRec.Cli.Tests.Console;

public sealed class ProgressLineTests
{
    [Fact]
    public void Without_a_terminal_it_prints_one_line_per_ten_percent()
    {
        using var error = new StringWriter();
        var console = new CliConsole(TextWriter.Null, error, Interactive: false);

        using (var progress = new ProgressLine(console, "work"))
            foreach (var value in new[] { 0.0, 0.04, 0.09, 0.1, 0.15, 0.31, 0.99, 1.0 }) progress.Report(value);

        Assert.Equal([0, 10, 31, 99, 100], PercentsShown(error.ToString(), "work"));
    }

    [Fact]
    public void Reports_that_arrive_out_of_order_never_move_the_line_backwards()
    {
        using var error = new StringWriter();
        var console = new CliConsole(TextWriter.Null, error, Interactive: false);

        using (var progress = new ProgressLine(console, "swing"))
            foreach (var value in new[] { 0.01, 0.10, 0.05, 0.13, 0.20, 0.11, 0.96, 0.12, 1.0 }) progress.Report(value);

        Assert.Equal([1, 10, 20, 96, 100], PercentsShown(error.ToString(), "swing"));
    }

    [Fact]
    public void Reports_from_many_threads_are_shown_in_increasing_order()
    {
        using var error = new StringWriter();
        var console = new CliConsole(TextWriter.Null, error, Interactive: false);
        const int steps = 2_000;
        var done = 0;

        using (var progress = new ProgressLine(console, "parallel"))
            Parallel.For(0, steps, _ => progress.Report(Interlocked.Increment(ref done) / (double)steps));

        var shown = PercentsShown(error.ToString(), "parallel");
        Assert.Equal(100, shown[^1]);
        for (var i = 1; i < shown.Length; i++) Assert.True(shown[i] > shown[i - 1], $"progress went {shown[i - 1]}% -> {shown[i]}%");
    }

    [Fact]
    public void On_a_terminal_it_redraws_one_bar_that_only_moves_forward_and_ends_the_line()
    {
        using var error = new StringWriter();
        var console = new CliConsole(TextWriter.Null, error, Interactive: true);

        using (var progress = new ProgressLine(console, "eval"))
            foreach (var value in new[] { 0.5, 0.3, 0.5, 0.6 }) progress.Report(value);

        var text = error.ToString();
        var redraws = text.Split('\r', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, redraws.Length);
        Assert.Contains("[##########..........]  50%", redraws[0], StringComparison.Ordinal);
        Assert.Contains("[############........]  60%", redraws[1], StringComparison.Ordinal);
        Assert.EndsWith(Environment.NewLine, text, StringComparison.Ordinal);
    }

    /// <summary>The percentages of lines "label: N% (…s)".</summary>
    static int[] PercentsShown(string text, string label) =>
    [
        .. RunResult.Lines(text).Select(line =>
        {
            Assert.StartsWith(label + ": ", line, StringComparison.Ordinal);
            var percent = line[(label.Length + 2)..line.IndexOf('%', StringComparison.Ordinal)];
            return int.Parse(percent, CultureInfo.InvariantCulture);
        }),
    ];
}
