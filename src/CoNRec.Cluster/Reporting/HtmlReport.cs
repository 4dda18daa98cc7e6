using System.Net;
using System.Text;

namespace CoNRec.Cluster.Reporting;

/// <summary>Renders a <see cref="ReportDocument"/> as one self-contained HTML page (inline style; images by relative file name).</summary>
internal static class HtmlReport
{
    const string Style = """
        body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }
        table { border-collapse: collapse; margin: 0.5em 0; }
        th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; }
        th { background: #eef2f7; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        pre { background: #f6f8fa; padding: 0.8em; overflow-x: auto; }
        img { max-width: 100%; border: 1px solid #ddd; }
        dl { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; }
        dt { font-weight: bold; }
        dd { margin: 0; }
        """;

    public static string Render(ReportDocument document)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(document.Title))
            .Append("</title>\n<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n<h1>").Append(E(document.Title)).Append("</h1>\n");
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case HeadingBlock h:
                    sb.Append($"<h{h.Level}>").Append(E(h.Text)).Append($"</h{h.Level}>\n");
                    break;
                case ParagraphBlock p:
                    sb.Append("<p>").Append(E(p.Text)).Append("</p>\n");
                    break;
                case FieldsBlock f:
                    sb.Append("<dl>\n");
                    foreach (var (key, value) in f.Fields)
                        sb.Append("<dt>").Append(E(key)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");
                    sb.Append("</dl>\n");
                    break;
                case TableBlock t:
                    Table(sb, t);
                    break;
                case CodeBlock c:
                    sb.Append("<pre>").Append(E(c.Text.TrimEnd('\n'))).Append("</pre>\n");
                    break;
                case ImageBlock i:
                    sb.Append("<figure><img src=\"").Append(E(Uri.EscapeDataString(i.File))).Append("\" alt=\"").Append(E(i.Caption))
                        .Append("\"><figcaption>").Append(E(i.Caption)).Append("</figcaption></figure>\n");
                    break;
                default:
                    throw new ArgumentException($"unknown report block {block.GetType().Name}", nameof(document));
            }
        }

        return sb.Append("</body>\n</html>\n").ToString();
    }

    static void Table(StringBuilder sb, TableBlock t)
    {
        sb.Append("<table>\n<tr>");
        foreach (var h in t.Header)
            sb.Append("<th>").Append(E(h)).Append("</th>");
        sb.Append("</tr>\n");
        foreach (var row in t.Rows)
        {
            sb.Append("<tr>");
            for (var c = 0; c < row.Count; c++)
                sb.Append(t.RightAligned.Contains(c) ? "<td class=\"num\">" : "<td>").Append(E(row[c])).Append("</td>");
            sb.Append("</tr>\n");
        }

        sb.Append("</table>\n");
    }

    static string E(string text) => WebUtility.HtmlEncode(text);
}
