using System.Text;

namespace CoNRec.Cluster.Reporting;

/// <summary>Renders a <see cref="ReportDocument"/> as GitHub-flavoured Markdown.</summary>
internal static class MarkdownReport
{
    public static string Render(ReportDocument document)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(Escape(document.Title)).Append("\n\n");
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case HeadingBlock h:
                    sb.Append('#', h.Level).Append(' ').Append(Escape(h.Text)).Append('\n');
                    break;
                case ParagraphBlock p:
                    sb.Append(Escape(p.Text)).Append('\n');
                    break;
                case FieldsBlock f:
                    foreach (var (key, value) in f.Fields)
                        sb.Append("- **").Append(Escape(key)).Append("**: ").Append(Escape(value)).Append('\n');
                    break;
                case TableBlock t:
                    Table(sb, t);
                    break;
                case CodeBlock c:
                    // A fence longer than any backtick run inside keeps the text verbatim.
                    var fence = new string('`', Math.Max(3, LongestRun(c.Text, '`') + 1));
                    sb.Append(fence).Append("text\n").Append(c.Text.TrimEnd('\n')).Append('\n').Append(fence).Append('\n');
                    break;
                case ImageBlock i:
                    sb.Append("![").Append(Escape(i.Caption)).Append("](").Append(Uri.EscapeDataString(i.File)).Append(")\n");
                    break;
                default:
                    throw new ArgumentException($"unknown report block {block.GetType().Name}", nameof(document));
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    static void Table(StringBuilder sb, TableBlock t)
    {
        sb.Append('|');
        foreach (var h in t.Header)
            sb.Append(' ').Append(Cell(h)).Append(" |");
        sb.Append("\n|");
        for (var c = 0; c < t.Header.Count; c++)
            sb.Append(t.RightAligned.Contains(c) ? " ---: |" : " --- |");
        sb.Append('\n');
        foreach (var row in t.Rows)
        {
            sb.Append('|');
            foreach (var cell in row)
                sb.Append(' ').Append(Cell(cell)).Append(" |");
            sb.Append('\n');
        }
    }

    static string Cell(string text) => Escape(text).Replace("\n", " ", StringComparison.Ordinal);

    /// <summary>Backslash-escapes the characters Markdown would read as formatting.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (ch is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '#')
                sb.Append('\\');
            sb.Append(ch);
        }

        return sb.ToString();
    }

    static int LongestRun(string text, char ch)
    {
        int longest = 0, run = 0;
        foreach (var c in text)
        {
            run = c == ch ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}
