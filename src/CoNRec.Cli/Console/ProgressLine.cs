namespace CoNRec.Cli;

/// <summary>
/// Progress of one long step, written to the error stream: a redrawn bar on a terminal, otherwise one line
/// per 10% (so CI logs and pipes stay readable). Reports in [0, 1]; safe to call from several threads, whose
/// reports may arrive out of order: a report that does not advance the shown value is dropped.
/// </summary>
public sealed class ProgressLine(CliConsole console, string label) : IProgress<double>, IDisposable
{
    readonly Lock _gate = new();
    readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    int _lastShown = -1;

    public void Report(double value)
    {
        var percent = (int)Math.Clamp(Math.Floor(value * 100), 0, 100);
        lock (_gate)
        {
            if (console.Interactive)
            {
                if (percent <= _lastShown) return;
                var filled = percent / 5;
                console.Error.Write($"\r{label,-18} [{new string('#', filled)}{new string('.', 20 - filled)}] {percent,3}%  {_clock.Elapsed.TotalSeconds,6:0.0}s");
            }
            else
            {
                if (_lastShown >= 0 && percent / 10 <= _lastShown / 10) return;
                console.Error.WriteLine($"{label}: {percent}% ({_clock.Elapsed.TotalSeconds:0.0}s)");
            }
            _lastShown = percent;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (console.Interactive && _lastShown >= 0) console.Error.WriteLine();
        }
    }
}
