using CoNRec.Core.Evaluation;
using ScottPlot;

namespace CoNRec.Cluster.Reporting;

/// <summary>
/// The evaluation table as a PNG: the fixed-width text of <see cref="ResultTable.Format"/> in a monospace font,
/// the header row shaded and the model rows striped. The image is sized to fit the text.
/// </summary>
internal static class EvaluationTableImage
{
    const float FontSize = 15;
    const int Padding = 16;
    const int RowHeight = 26;

    /// <summary>Writes the image and returns its pixel size.</summary>
    public static (int Width, int Height) Write(string path, IReadOnlyList<EvaluationResult> results)
    {
        // The rule under the header is drawn as a shaded header row instead.
        var lines = ResultTable.Format(results).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.All(c => c == '-'))
            .ToArray();
        var font = Fonts.Monospace;
        var textWidth = MeasureWidest(lines, font);
        var width = (int)Math.Ceiling(textWidth) + 2 * Padding;
        var height = lines.Length * RowHeight + 2 * Padding;

        var plot = new Plot();
        plot.Layout.Frameless();
        plot.HideAxesAndGrid();
        // One axis unit per pixel, origin at the top left.
        plot.Axes.SetLimits(0, width, height, 0);

        for (var row = 0; row < lines.Length; row++)
        {
            var top = Padding + row * RowHeight;
            if (row == 0 || row % 2 == 0)
            {
                var band = plot.Add.Rectangle(0, width, top, top + RowHeight);
                band.FillColor = row == 0 ? Colors.LightSteelBlue : Colors.WhiteSmoke;
                band.LineWidth = 0;
            }

            var text = plot.Add.Text(lines[row], Padding, top + RowHeight / 2.0);
            text.LabelFontName = font;
            text.LabelFontSize = FontSize;
            text.LabelBold = row == 0;
            text.LabelAlignment = Alignment.MiddleLeft;
            text.LabelFontColor = Colors.Black;
        }

        plot.SavePng(path, width, height);
        return (width, height);
    }

    static float MeasureWidest(string[] lines, string font)
    {
        using var paint = Paint.NewDisposablePaint();
        var widest = 0f;
        foreach (var bold in new[] { false, true })
        {
            var style = new LabelStyle { FontName = font, FontSize = FontSize, Bold = bold };
            foreach (var line in lines)
                widest = Math.Max(widest, style.Measure(line, paint).Width);
        }

        return widest;
    }
}
