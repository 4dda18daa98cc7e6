using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CoNRec.Cli;

/// <summary>
/// A writer for log lines while a live view is on the terminal: what is written up to each flush goes through the
/// view's console, which prints it above the view and redraws the view below it (rather than tearing it).
/// </summary>
/// <remarks>
/// Spectre moves the cursor up to the view's first line and writes the text over the old view without erasing it, so
/// a log line shorter than a row of the view would keep that row's tail: the text clears the screen below it first.
/// </remarks>
public sealed class LiveLogWriter(IAnsiConsole terminal) : TextWriter
{
    readonly Lock _gate = new();
    readonly StringBuilder _pending = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_gate) _pending.Append(value);
    }

    public override void Write(string? value)
    {
        lock (_gate) _pending.Append(value);
    }

    public override void Flush()
    {
        lock (_gate)
        {
            if (_pending.Length == 0) return;
            var text = new Text(_pending.ToString());
            terminal.Write(terminal.Profile.Capabilities.Ansi ? new BelowCleared(text) : text);
            _pending.Clear();
        }
    }

    /// <summary>The text, after erasing from the cursor to the end of the screen.</summary>
    sealed class BelowCleared(Text text) : IRenderable
    {
        public Measurement Measure(RenderOptions options, int maxWidth) => ((IRenderable)text).Measure(options, maxWidth);

        public IEnumerable<Segment> Render(RenderOptions options, int maxWidth) =>
            [Segment.Control("\u001b[J"), .. ((IRenderable)text).Render(options, maxWidth)];
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Flush();
        base.Dispose(disposing);
    }
}
