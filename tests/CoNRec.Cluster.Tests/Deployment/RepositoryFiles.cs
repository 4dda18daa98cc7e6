using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CoNRec.Cluster.Tests.Deployment;

/// <summary>The repository's deployment files, found from the test's base directory, and the validators that check them.</summary>
internal static partial class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string ComposeFile => Path.Combine(Root, "docker", "compose.yaml");

    public static string Dockerfile => Path.Combine(Root, "docker", "Dockerfile");

    public static string KubernetesBase => Path.Combine(Root, "k8s", "base");

    public static string GpuOverlay => Path.Combine(Root, "k8s", "overlays", "gpu");

    /// <summary>Every YAML file under k8s/.</summary>
    public static IReadOnlyList<string> KubernetesFiles =>
        [.. Directory.EnumerateFiles(Path.Combine(Root, "k8s"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    /// <summary>Every CONREC_* name in a file, comments included: a comment naming a variable that does not exist misleads too.</summary>
    public static IReadOnlySet<string> VariablesNamedIn(string path) =>
        VariableName().Matches(File.ReadAllText(path)).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>Runs a validator from the repository root; fails the test, saying how to install it, when it is not on PATH.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string tool, string installHint, params string[] arguments)
    {
        var path = FindOnPath(tool);
        if (path is null) Assert.Fail($"{tool} is not on PATH: the deployment files cannot be validated ({installHint})");
        var start = new ProcessStartInfo(path) { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }

    static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CoNRec.Cluster.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no CoNRec.Cluster.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex("CONREC_[A-Z0-9_]+")]
    private static partial Regex VariableName();
}
