namespace CoNRec.Cluster.Tests.Configuration;

/// <summary>Files of the source tree that tests check against the code (found by walking up to the solution file).</summary>
internal static class RepositoryFiles
{
    public static string PathOf(string relativePath)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "CoNRec.Cluster.sln")))
                return Path.Combine(folder.FullName, relativePath);
        throw new InvalidOperationException($"no CoNRec.Cluster.sln above {AppContext.BaseDirectory}");
    }

    public static string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));
}
