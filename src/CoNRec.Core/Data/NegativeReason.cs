namespace CoNRec.Core.Data;

/// <summary>
/// Why a user rejected an item. Only interest-related reasons say something about what the user dislikes;
/// the others (seen too often, already owned, low quality) are dropped by <see cref="NegativeCleaning"/>.
/// Values are part of the file format: append only.
/// </summary>
public enum NegativeReason : byte
{
    /// <summary>No reason given (most public logs, e.g. a low rating).</summary>
    Unspecified = 0,
    NotInterested = 1,
    DislikeCategory = 2,
    DislikeCreator = 3,
    SeenTooOften = 4,
    AlreadyOwned = 5,
    LowQuality = 6,
    Offensive = 7,
    None = 255,
}

public static class NegativeReasons
{
    /// <summary>The reasons that reflect the user's interests, kept by default when cleaning.</summary>
    public static IReadOnlySet<NegativeReason> InterestRelated { get; } = new HashSet<NegativeReason>
    {
        NegativeReason.Unspecified, NegativeReason.NotInterested, NegativeReason.DislikeCategory, NegativeReason.DislikeCreator,
    };

    /// <summary>Parses a reason by name (case-insensitive, '-' and '_' ignored) or by number.</summary>
    public static bool TryParse(string text, out NegativeReason reason)
    {
        var normalised = text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Trim();
        if (Enum.TryParse(normalised, ignoreCase: true, out reason) && Enum.IsDefined(reason)) return true;
        reason = default;
        return false;
    }

    /// <summary>The kebab-case name used in files and on the command line.</summary>
    public static string Name(NegativeReason reason) => reason switch
    {
        NegativeReason.Unspecified => "unspecified",
        NegativeReason.NotInterested => "not-interested",
        NegativeReason.DislikeCategory => "dislike-category",
        NegativeReason.DislikeCreator => "dislike-creator",
        NegativeReason.SeenTooOften => "seen-too-often",
        NegativeReason.AlreadyOwned => "already-owned",
        NegativeReason.LowQuality => "low-quality",
        NegativeReason.Offensive => "offensive",
        _ => "none",
    };
}
