namespace CoNRec.Core.Data;

/// <summary>What a user did with an item. Stored as one byte per event; values are part of the file format.</summary>
public enum FeedbackKind : byte
{
    /// <summary>The item was shown and nothing else happened: neutral, not a dislike (method.md, finding 1).</summary>
    Exposure = 0,
    Click = 1,
    /// <summary>Purchase, like, long view, high rating.</summary>
    Positive = 2,
    /// <summary>An explicit dislike ("not interested", hide, thumbs-down, low rating), with a <see cref="NegativeReason"/>.</summary>
    Negative = 3,
}
