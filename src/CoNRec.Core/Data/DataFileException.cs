namespace CoNRec.Core.Data;

/// <summary>
/// Bad input in a data file: names the file and, where there is one, the 1-based line, so that the command
/// line can print one clear message and exit with code 2.
/// </summary>
public sealed class DataFileException : Exception
{
    public DataFileException(string path, int? line, string problem)
        : base(line is { } l ? $"{path}:{l}: {problem}" : $"{path}: {problem}")
    {
        FilePath = path;
        Line = line;
        Problem = problem;
    }

    public DataFileException(string path, int? line, string problem, Exception inner)
        : base(line is { } l ? $"{path}:{l}: {problem}" : $"{path}: {problem}", inner)
    {
        FilePath = path;
        Line = line;
        Problem = problem;
    }

    public string FilePath { get; }
    public int? Line { get; }
    public string Problem { get; }
}
