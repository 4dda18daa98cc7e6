using System.Globalization;

namespace CoNRec.Model.Tasks;

/// <summary>Settings of the SFT task formats and the GRPO-stage prompts (method.md, pipeline steps 2-3).</summary>
public sealed record TaskOptions
{
    /// <summary>
    /// The most tokens a behaviour prompt may hold (&lt;bos&gt;, markers, SIDs, &lt;answer&gt;). Longer histories lose
    /// their oldest events, whole SIDs at a time. An example adds the answer SID and &lt;eos&gt; to this.
    /// </summary>
    public int MaxContextTokens { get; init; } = 256;

    /// <summary>Titles are cut to this many tokens (their end is dropped) in the translation tasks.</summary>
    public int MaxTitleTokens { get; init; } = 32;

    /// <summary>Next-negative anchors per user, spread evenly over the user's history, the latest always kept.</summary>
    public int ExamplesPerUser { get; init; } = 8;

    /// <summary>A history negative becomes a next-negative target once this many negatives precede it.</summary>
    public int MinContextNegatives { get; init; } = 1;

    /// <summary>Progressive GRPO stage 1 sees the negatives of the last this-many days before the anchor.</summary>
    public double RecentDays { get; init; } = 3;

    /// <summary>
    /// An item is an alignment item's "rejected" candidate when the user rejected it at least this often in their
    /// history. The paper asks for more than 3; rejecting one item repeatedly is rare in public logs, hence 1.
    /// </summary>
    public int AlignmentMinRejections { get; init; } = 1;

    /// <summary>Alignment items per user (their most-rejected items first).</summary>
    public int AlignmentExamplesPerUser { get; init; } = 4;

    /// <summary>Seeds the candidate sampling and shuffling of item-level alignment.</summary>
    public int Seed { get; init; }

    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        AtLeast(MaxContextTokens, 16, "tasks.maxContextTokens");
        AtLeast(MaxTitleTokens, 1, "tasks.maxTitleTokens");
        AtLeast(ExamplesPerUser, 1, "tasks.examplesPerUser");
        AtLeast(MinContextNegatives, 0, "tasks.minContextNegatives");
        AtLeast(AlignmentMinRejections, 1, "tasks.alignmentMinRejections");
        AtLeast(AlignmentExamplesPerUser, 1, "tasks.alignmentExamplesPerUser");
        if (!(RecentDays > 0) || double.IsInfinity(RecentDays))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"tasks.recentDays must be a positive number of days (got {RecentDays})"));
    }

    static void AtLeast(int value, int minimum, string name)
    {
        if (value < minimum)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name} must be >= {minimum} (got {value})"));
    }
}
