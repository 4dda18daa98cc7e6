namespace CoNRec.Cli.Tests.Docs;

/// <summary>Files of the source tree the tests check against the code (found by walking up to the solution file).</summary>
internal static class RepositoryFiles
{
    public static string Read(string relativePath)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "CoNRec.Cluster.sln")))
                return File.ReadAllText(Path.Combine(folder.FullName, relativePath));
        throw new InvalidOperationException($"no CoNRec.Cluster.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>The body of the first fenced block of the given language ("```jsonc").</summary>
    public static string FencedBlock(string markdown, string language)
    {
        var open = markdown.IndexOf("```" + language + "\n", StringComparison.Ordinal);
        Assert.True(open >= 0, $"no ```{language} block");
        var start = open + language.Length + 4;
        var end = markdown.IndexOf("\n```", start, StringComparison.Ordinal);
        return markdown[start..(end + 1)];
    }
}
