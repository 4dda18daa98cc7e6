namespace CoNRec.Cli.Tests.Commands.Data;

/// <summary>The source layouts of <see cref="SourceFiles"/> by name, as theory data refers to them.</summary>
internal static class ImportLayouts
{
    public static Dictionary<string, string> Files(string layout) => layout switch
    {
        "ml-100k" => SourceFiles.MovieLens100k(),
        "ml-1m" => SourceFiles.MovieLens1m(),
        "ml-20m" => SourceFiles.MovieLensCsv(),
        "kuairand" => SourceFiles.KuaiRand(),
        "generic" => SourceFiles.GenericCsv(),
        _ => throw new ArgumentException($"no layout '{layout}'", nameof(layout)),
    };
}
