using System.Globalization;
using System.Text.Json.Serialization;
using CoNRec.Core.Configuration;
using CoNRec.Core.Data;

namespace CoNRec.Core.Synthetic;

/// <summary>
/// Every knob of the synthetic world (<see cref="SyntheticWorld"/>). The defaults give a world that generates in
/// a few seconds and that small models train on in minutes on a CPU: 2,500 users, 1,500 items and 60 days,
/// about 1.25M events of which ~18k interest-related negatives. JSON files use the camelCase property names; settings are named "synth.&lt;name&gt;".
/// </summary>
public sealed record SyntheticWorldOptions
{
    public int Seed { get; init; } = 42;
    public int Users { get; init; } = 2_500;
    public int Items { get; init; } = 1_500;
    public int Days { get; init; } = 60;

    /// <summary>Unix seconds of the first day's midnight (default 2025-01-01T00:00Z).</summary>
    public long StartTime { get; init; } = 1_735_689_600;

    // Catalogue: leaves are (top, sub) categories; an attribute group is (leaf, style).
    public int TopCategories { get; init; } = 6;
    public int SubcategoriesPerTop { get; init; } = 4;
    public int StylesPerLeaf { get; init; } = 4;
    public int Colours { get; init; } = 12;
    public int FillerWordsPerTitle { get; init; } = 2;

    /// <summary>Zipf exponent of item popularity (0: uniform).</summary>
    public double PopularitySkew { get; init; } = 0.9;

    // Item features: a "text" part and an "image" part, each a noisy projection of the latent attributes.
    public int TextFeatureDim { get; init; } = 48;
    public int ImageFeatureDim { get; init; } = 16;
    public double TextNoise { get; init; } = 0.25;
    public double ImageNoise { get; init; } = 0.5;

    // Activity and the platform.
    public double DailyActivityProbability { get; init; } = 0.35;
    public int ExposuresPerActiveDay { get; init; } = 24;

    /// <summary>Share of exposures drawn by popularity alone rather than by the platform's predicted liking.</summary>
    public double ExplorationRate { get; init; } = 0.25;

    /// <summary>How much a click on one group raises the platform's estimate of the other groups of its leaf.</summary>
    public double LeafGeneralisation { get; init; } = 2;

    /// <summary>After a negative, days during which the platform suppresses similar items (method.md, finding 3).</summary>
    public int SuppressionDays { get; init; } = 5;

    /// <summary>
    /// After a "dislike this category" negative, days during which the platform suppresses the group. Users give
    /// that reason more often the stronger the dislike (probability = strength squared), so strong dislikes
    /// disappear from exposure for longer.
    /// </summary>
    public int CategorySuppressionDays { get; init; } = 30;

    /// <summary>Share of the rejected item's group that suppression removes from exposure (0..1).</summary>
    public double GroupSuppression { get; init; } = 0.95;

    /// <summary>Share of the rejected item's leaf (its other styles) that suppression removes (0..1).</summary>
    public double LeafSuppression { get; init; } = 0.2;

    // Likes.
    public int LikedLeavesPerUser { get; init; } = 2;
    public double PositiveRate { get; init; } = 0.25;
    public double ClickRate { get; init; } = 0.35;
    public double BaseClickRate { get; init; } = 0.02;

    // Dislikes.
    public int MaxDislikedGroups { get; init; } = 4;
    public int DislikeArchetypes { get; init; } = 8;

    /// <summary>Share of users whose dislikes come mostly from a shared archetype (the collaborative signal).</summary>
    public double ArchetypeShare { get; init; } = 0.9;

    /// <summary>Per-exposure rejection probability of a disliked group, drawn in [min, max]; the strongest is ranked first.</summary>
    public double DislikeStrengthMin { get; init; } = 0.3;
    public double DislikeStrengthMax { get; init; } = 0.9;

    /// <summary>Share of users who rarely say no: their dislike strengths are multiplied by <see cref="FewDislikesScale"/>.</summary>
    public double FewDislikesShare { get; init; } = 0.1;
    public double FewDislikesScale { get; init; } = 0.15;

    /// <summary>Per-exposure rate of negatives that say nothing about interest (seen too often, already owned, low quality).</summary>
    public double NonInterestNegativeRate { get; init; } = 0.01;

    /// <summary>Per-exposure rate of "not interested" on items outside the user's disliked groups (noise).</summary>
    public double InterestNoiseRate { get; init; } = 0.004;

    [JsonIgnore] public int LeafCount => TopCategories * SubcategoriesPerTop;
    [JsonIgnore] public int GroupCount => LeafCount * StylesPerLeaf;
    [JsonIgnore] public int FeatureDim => TextFeatureDim + ImageFeatureDim;

    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        AtLeast(Users, 1, "users");
        AtLeast(Items, 1, "items");
        AtLeast(Days, 1, "days");
        if (StartTime < 0) throw new ArgumentException($"synth.startTime must be >= 0 (got {StartTime})");
        AtLeast(TopCategories, 1, "topCategories");
        AtLeast(SubcategoriesPerTop, 1, "subcategoriesPerTop");
        AtLeast(StylesPerLeaf, 1, "stylesPerLeaf");
        AtLeast(Colours, 1, "colours");
        AtLeast(FillerWordsPerTitle, 0, "fillerWordsPerTitle");
        AtLeast(TextFeatureDim, 1, "textFeatureDim");
        AtLeast(ImageFeatureDim, 0, "imageFeatureDim");
        AtLeast(ExposuresPerActiveDay, 1, "exposuresPerActiveDay");
        AtLeast(SuppressionDays, 0, "suppressionDays");
        AtLeast(CategorySuppressionDays, 0, "categorySuppressionDays");
        AtLeast(LikedLeavesPerUser, 1, "likedLeavesPerUser");
        AtLeast(MaxDislikedGroups, 1, "maxDislikedGroups");
        AtLeast(DislikeArchetypes, 0, "dislikeArchetypes");
        if (Items < GroupCount)
            throw new ArgumentException($"synth.items must be >= the number of attribute groups, topCategories x subcategoriesPerTop x stylesPerLeaf = {GroupCount} (got {Items})");
        NonNegative(PopularitySkew, "popularitySkew");
        NonNegative(TextNoise, "textNoise");
        NonNegative(ImageNoise, "imageNoise");
        NonNegative(LeafGeneralisation, "leafGeneralisation");
        Probability(DailyActivityProbability, "dailyActivityProbability");
        Probability(ExplorationRate, "explorationRate");
        Probability(GroupSuppression, "groupSuppression");
        Probability(LeafSuppression, "leafSuppression");
        Probability(PositiveRate, "positiveRate");
        Probability(ClickRate, "clickRate");
        Probability(BaseClickRate, "baseClickRate");
        Probability(ArchetypeShare, "archetypeShare");
        Probability(DislikeStrengthMin, "dislikeStrengthMin");
        Probability(DislikeStrengthMax, "dislikeStrengthMax");
        if (DislikeStrengthMax < DislikeStrengthMin)
            throw new ArgumentException($"synth.dislikeStrengthMax must be >= synth.dislikeStrengthMin (got {F(DislikeStrengthMax)} < {F(DislikeStrengthMin)})");
        Probability(FewDislikesShare, "fewDislikesShare");
        Probability(FewDislikesScale, "fewDislikesScale");
        Probability(NonInterestNegativeRate, "nonInterestNegativeRate");
        Probability(InterestNoiseRate, "interestNoiseRate");
        if (PositiveRate + ClickRate + BaseClickRate > 1)
            throw new ArgumentException($"synth.positiveRate + synth.clickRate + synth.baseClickRate must be <= 1 (got {F(PositiveRate + ClickRate + BaseClickRate)})");
        if (StartTime > long.MaxValue / 2) throw new ArgumentException($"synth.startTime is too large (got {StartTime})");
    }

    /// <summary>Reads options from a JSON file (camelCase names; unknown names are refused) and validates them.</summary>
    /// <exception cref="DataFileException">The file is not valid JSON, names an unknown setting, or a setting is out of range.</exception>
    public static SyntheticWorldOptions Load(string path) => SettingsFile.Load<SyntheticWorldOptions>(path, "synthetic-world options", o => o.Validate());

    /// <summary>The options as indented camelCase JSON, the format <see cref="Load"/> reads.</summary>
    public string ToJson() => SettingsFile.ToJson(this);

    static string F(double value) => value.ToString(CultureInfo.InvariantCulture);

    static void AtLeast(int value, int min, string name)
    {
        if (value < min) throw new ArgumentException($"synth.{name} must be >= {min} (got {value})");
    }

    static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentException($"synth.{name} must be a finite number >= 0 (got {F(value)})");
    }

    static void Probability(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
            throw new ArgumentException($"synth.{name} must be in [0, 1] (got {F(value)})");
    }
}
