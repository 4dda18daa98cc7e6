using System.Diagnostics;

namespace CoNRec.Cli.Commands.Bench;

/// <summary>
/// A <c>conrec</c> child process started through the running executable (the apphost, or the dotnet host with conrec.dll),
/// its output drained and the last lines kept for an error message. Disposing kills it (and its children) if it still runs.
/// </summary>
internal sealed class ConrecChild : IDisposable
{
    const int KeptLines = 40;

    readonly Process _process;
    readonly Queue<string> _tail = new();

    ConrecChild(Process process, string name)
    {
        _process = process;
        Name = name;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
    }

    /// <summary>What the bench calls this child in its output ("train", "node rollout,reward").</summary>
    public string Name { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static ConrecChild Start(string name, IEnumerable<string> args)
    {
        var (program, prefix) = Executable();
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in prefix.Concat(args)) start.ArgumentList.Add(arg);
        var child = new ConrecChild(new Process { StartInfo = start }, name);
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    public Task WaitForExitAsync(CancellationToken ct) => _process.WaitForExitAsync(ct);

    /// <summary>The last lines the child printed (stdout and stderr interleaved), for a failure message.</summary>
    public string Tail()
    {
        lock (_tail) return string.Join(Environment.NewLine, _tail);
    }

    /// <summary>Kills the child and its process tree, if it still runs, and waits for it.</summary>
    public void Kill()
    {
        try
        {
            if (_process.HasExited) return;
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // exited between the check and the kill
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    /// <summary>
    /// The conrec apphost when that is what runs; otherwise the dotnet host (this one, DOTNET_HOST_PATH, or dotnet on
    /// the PATH) with conrec.dll, as under <c>dotnet run</c>, <c>dotnet conrec.dll</c> or a test host.
    /// </summary>
    static (string Program, string[] Prefix) Executable()
    {
        var dll = typeof(ConrecApp).Assembly.Location;
        var current = Environment.ProcessPath ?? "";
        var currentName = Path.GetFileNameWithoutExtension(current);
        if (string.Equals(currentName, Path.GetFileNameWithoutExtension(dll), StringComparison.OrdinalIgnoreCase)) return (current, []);
        if (string.Equals(currentName, "dotnet", StringComparison.OrdinalIgnoreCase)) return (current, [dll]);
        return (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet", [dll]);
    }

    void Keep(string? line)
    {
        if (line is null) return;
        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > KeptLines) _tail.Dequeue();
        }
    }
}
