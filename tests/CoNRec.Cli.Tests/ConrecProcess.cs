using System.Diagnostics;
using System.Text;

namespace CoNRec.Cli.Tests;

/// <summary>
/// <c>conrec</c> as a separate process (conrec.dll from the test output folder, under the dotnet host), its output
/// kept for failure messages: for tests that must kill the process the way a crash or an OOM killer would.
/// </summary>
internal sealed class ConrecProcess : IDisposable
{
    readonly Process _process;
    readonly StringBuilder _out = new();
    readonly StringBuilder _error = new();

    ConrecProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(_out, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
    }

    public bool HasExited => _process.HasExited;

    string Arguments => string.Join(' ', _process.StartInfo.ArgumentList.Skip(1));

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <c>dotnet conrec.dll ARGS</c> (the host named by DOTNET_HOST_PATH when set, else dotnet on the PATH).</summary>
    public static ConrecProcess Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>As <see cref="Start(string[])"/>, with <paramref name="environment"/> added to this process's environment (e.g. a store password).</summary>
    public static ConrecProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var conrec = Path.Combine(AppContext.BaseDirectory, "conrec.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.ArgumentList.Add(conrec);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        var process = new ConrecProcess(new Process { StartInfo = start });
        process._process.Start();
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits for the exit; fails the test, showing the output, unless it exits 0 within <paramref name="timeout"/>. Returns stdout.</summary>
    public async Task<string> ExitOkAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"conrec {Arguments} still running after {timeout}\n{this}");
        }
        Assert.True(_process.ExitCode == ExitCodes.Ok, $"conrec {Arguments} exited {_process.ExitCode}\n{this}");
        lock (_out) return _out.ToString();
    }

    /// <summary>
    /// SIGKILL on Linux and macOS (TerminateProcess on Windows), then waits for the exit: no handler runs, nothing is
    /// flushed or marked.
    /// </summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM (what a supervisor or <c>docker stop</c> sends): the process may shut down in order. Unix only.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -TERM {_process.Id} exited {kill.ExitCode}");
    }

    /// <summary>Waits for the exit and returns its code; fails the test, showing the output, after <paramref name="timeout"/>.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"conrec {Arguments} still running after {timeout}\n{this}");
        }
        return _process.ExitCode;
    }

    /// <summary>Whether the process printed a line containing <paramref name="text"/> on stderr so far.</summary>
    public bool ErrorContains(string text)
    {
        lock (_error) return _error.ToString().Contains(text, StringComparison.Ordinal);
    }

    /// <summary>The lines the process printed on stderr so far that contain <paramref name="text"/>.</summary>
    public IReadOnlyList<string> ErrorLines(string text)
    {
        lock (_error) return [.. _error.ToString().Split('\n').Where(line => line.Contains(text, StringComparison.Ordinal))];
    }

    /// <summary>What the process printed so far, for a failure message.</summary>
    public override string ToString()
    {
        lock (_out) lock (_error)
            return $"--- out ---\n{_out}\n--- error ---\n{_error}";
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    static void Append(StringBuilder text, string? line)
    {
        if (line is null) return;
        lock (text) text.AppendLine(line);
    }
}
