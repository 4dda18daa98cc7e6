namespace CoNRec.Cluster.Reporting;

/// <summary>A report's content, independent of its format; <see cref="MarkdownReport"/> and <see cref="HtmlReport"/> render it.</summary>
internal sealed record ReportDocument(string Title, IReadOnlyList<ReportBlock> Blocks);

internal abstract record ReportBlock;

/// <param name="Level">2 for a section, 3 for a subsection (the title is level 1).</param>
internal sealed record HeadingBlock(int Level, string Text) : ReportBlock;

internal sealed record ParagraphBlock(string Text) : ReportBlock;

/// <summary>Labelled values, one per line.</summary>
internal sealed record FieldsBlock(IReadOnlyList<KeyValuePair<string, string>> Fields) : ReportBlock;

/// <param name="RightAligned">Columns that hold numbers.</param>
internal sealed record TableBlock(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlySet<int> RightAligned) : ReportBlock;

/// <summary>Preformatted text, shown verbatim in a fixed-width font.</summary>
internal sealed record CodeBlock(string Text) : ReportBlock;

/// <param name="File">The image's file name, relative to the report.</param>
internal sealed record ImageBlock(string File, string Caption) : ReportBlock;
