using System.Text;

namespace CoNRec.Cluster.Reporting;

/// <summary>A fixed-width text table for terminals: two spaces between columns, trailing spaces trimmed.</summary>
internal static class TextTable
{
    /// <param name="rightAligned">Columns whose cells are numbers and align right.</param>
    public static string Format(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, ISet<int>? rightAligned = null, string indent = "")
    {
        var widths = header.Select(h => h.Length).ToArray();
        foreach (var row in rows)
        {
            if (row.Count != header.Count)
                throw new ArgumentException($"a row has {row.Count} cells, the header {header.Count}", nameof(rows));
            for (var c = 0; c < row.Count; c++)
                widths[c] = Math.Max(widths[c], row[c].Length);
        }

        var sb = new StringBuilder();
        Line(header);
        foreach (var row in rows)
            Line(row);
        return sb.ToString();

        void Line(IReadOnlyList<string> cells)
        {
            var line = new StringBuilder(indent);
            for (var c = 0; c < cells.Count; c++)
            {
                if (c > 0)
                    line.Append("  ");
                line.Append(rightAligned?.Contains(c) == true ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c]));
            }

            sb.Append(line.ToString().TrimEnd()).Append('\n');
        }
    }
}
