namespace CoNRec.Cli.Tests.Commands.Model;

/// <summary>Reading what the model commands print and write.</summary>
internal static class ModelRuns
{
    /// <summary>The result table's rows split into cells (header first, the rule under it skipped).</summary>
    public static List<string[]> TableRows(string output)
    {
        var lines = RunResult.Lines(output);
        var header = Array.FindIndex(lines, l => l.StartsWith("Model ", StringComparison.Ordinal));
        Assert.True(header >= 0, $"no result table in\n{output}");
        Assert.StartsWith("----", lines[header + 1], StringComparison.Ordinal);
        var rows = new List<string[]> { lines[header].Split(' ', StringSplitOptions.RemoveEmptyEntries) };
        for (var i = header + 2; i < lines.Length && !lines[i].StartsWith("wrote ", StringComparison.Ordinal); i++)
            rows.Add(lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return rows;
    }

    /// <summary>Exit code 2 and exactly one "error:" line that contains every text of <paramref name="named"/>.</summary>
    public static void AssertBadInput(RunResult result, params string[] named)
    {
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        foreach (var text in named) Assert.Contains(text, error, StringComparison.Ordinal);
    }

    /// <summary>Nothing was written under <paramref name="output"/>, and no temporary sibling was left beside it.</summary>
    public static void AssertNothingWritten(string output)
    {
        Assert.False(Directory.Exists(output) || File.Exists(output), $"{output} was written");
        var parent = Path.GetDirectoryName(Path.GetFullPath(output))!;
        if (Directory.Exists(parent))
            Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(parent), e => e.EndsWith(".tmp", StringComparison.Ordinal));
    }

    /// <summary>Copies a folder with everything in it.</summary>
    public static string CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return target;
    }
}
