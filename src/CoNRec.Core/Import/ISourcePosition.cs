using CoNRec.Core.Data;

namespace CoNRec.Core.Import;

/// <summary>Where a reader stands in a file, so that field parsers can report bad input at the right line.</summary>
internal interface ISourcePosition
{
    /// <summary>An exception naming the file and the current 1-based line.</summary>
    DataFileException Error(string problem);
}
