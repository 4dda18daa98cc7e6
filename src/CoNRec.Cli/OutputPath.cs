namespace CoNRec.Cli;

/// <summary>
/// Checks a path a command will write before the work starts: a folder given where a file is expected is bad
/// input (exit 2), reported at once rather than as a failed move after the work is done.
/// </summary>
public static class OutputPath
{
    public static string Check(string option, string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new BadInputException($"{option}: the path is empty");
        if (Directory.Exists(path)) throw new BadInputException($"{option}: '{path}' is a folder; give the path of a file to write");
        return path;
    }

    /// <summary>The same check for a command that writes a folder: an existing file there is bad input.</summary>
    public static string CheckFolder(string option, string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new BadInputException($"{option}: the path is empty");
        if (File.Exists(path)) throw new BadInputException($"{option}: '{path}' is a file; give the path of a folder to write");
        return path;
    }
}
