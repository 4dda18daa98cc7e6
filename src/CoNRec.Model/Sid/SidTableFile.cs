using System.Globalization;
using CoNRec.Core.Data;

namespace CoNRec.Model.Sid;

/// <summary>Reads <c>sid_table.tsv</c>: a header (item_external_id, a, b, ..., suffix), then one row per item.</summary>
internal static class SidTableFile
{
    /// <exception cref="DataFileException">A row is malformed or disagrees with the codebooks; names file and line.</exception>
    public static (string[] ExternalIds, SidTable Table) Read(string path, int levels, int codebookSize)
    {
        var lines = File.ReadAllLines(path);
        var columns = levels + 2;
        if (lines.Length == 0) throw new DataFileException(path, 1, "empty: expected a header line");
        var header = lines[0].Split('\t');
        if (header.Length != columns || header[0] != "item_external_id" || header[^1] != "suffix")
            throw new DataFileException(path, 1, $"header has {header.Length} columns, expected item_external_id, {levels} level columns and suffix (the codebooks have {levels} levels)");

        var rows = lines.Length - 1;
        while (rows > 0 && lines[rows].Length == 0) rows--;
        var ids = new string[rows];
        var codes = new int[rows, levels];
        var suffix = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            var line = i + 2;
            var fields = lines[i + 1].Split('\t');
            if (fields.Length != columns) throw new DataFileException(path, line, $"{fields.Length} columns, expected {columns}");
            ids[i] = fields[0];
            for (var l = 0; l <= levels; l++)
            {
                if (!int.TryParse(fields[l + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
                    throw new DataFileException(path, line, $"column {header[l + 1]}: '{fields[l + 1]}' is not a code");
                if (l < levels && code >= codebookSize)
                    throw new DataFileException(path, line, $"column {header[l + 1]}: code {code} is outside the codebook of {codebookSize}");
                if (l < levels) codes[i, l] = code;
                else suffix[i] = code;
            }
        }
        var table = new SidTable(codes, codebookSize);
        for (var i = 0; i < rows; i++)
            if (table.Suffix(i) != suffix[i])
                throw new DataFileException(path, i + 2, $"suffix {suffix[i]} disagrees with the item order (expected {table.Suffix(i)})");
        return (ids, table);
    }
}
