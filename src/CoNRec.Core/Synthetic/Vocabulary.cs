namespace CoNRec.Core.Synthetic;

/// <summary>
/// Words the synthetic catalogue is written in. Beyond the listed words, names are numbered
/// ("category-9", "style-21"), so any setting of the option counts works.
/// </summary>
static class Vocabulary
{
    static readonly (string Top, string[] Leaves)[] Categories =
    [
        ("Fashion", ["sneakers", "dress", "jacket", "handbag", "scarf", "boots"]),
        ("Home", ["lamp", "rug", "vase", "cushion", "curtain", "clock"]),
        ("Kitchen", ["knife", "kettle", "pan", "mug", "blender", "teapot"]),
        ("Electronics", ["headphones", "speaker", "keyboard", "charger", "camera", "smartwatch"]),
        ("Beauty", ["lipstick", "perfume", "serum", "shampoo", "nailpolish", "mascara"]),
        ("Sports", ["racket", "yogamat", "dumbbell", "bicycle", "tent", "backpack"]),
        ("Toys", ["puzzle", "doll", "robot", "boardgame", "kite", "blocks"]),
        ("Garden", ["planter", "hose", "shovel", "birdhouse", "lantern", "seeds"]),
    ];

    static readonly string[] Styles =
    [
        "vintage", "minimalist", "sporty", "luxury", "cute", "rustic", "futuristic", "classic",
        "bohemian", "industrial", "gothic", "preppy", "tropical", "nordic", "punk", "floral",
    ];

    static readonly string[] ColourWords =
    [
        "black", "white", "red", "navy", "olive", "beige", "pink", "grey",
        "wooden", "leather", "steel", "ceramic", "golden", "silver", "denim", "velvet",
    ];

    static readonly string[] FillerWords =
    [
        "new", "original", "premium", "lightweight", "portable", "durable", "soft", "compact",
        "deluxe", "handmade", "everyday", "gift", "set", "large", "small", "mini", "pro", "plus",
        "eco", "quick", "smart", "comfort", "travel", "home", "outdoor", "indoor", "limited", "edition",
        "bestseller", "trendy", "simple", "elegant", "warm", "cool", "waterproof", "adjustable", "x2", "2025",
    ];

    public static string TopName(int top) => top < Categories.Length ? Categories[top].Top : $"Category{top + 1}";

    public static string LeafNoun(int top, int sub) =>
        top < Categories.Length && sub < Categories[top].Leaves.Length ? Categories[top].Leaves[sub] : $"product{top + 1}x{sub + 1}";

    public static int StyleWordCount(int needed) => Math.Max(needed, Styles.Length);

    public static string StyleWord(int index) => index < Styles.Length ? Styles[index] : $"style{index + 1}";

    public static string ColourWord(int index) => index < ColourWords.Length ? ColourWords[index] : $"colour{index + 1}";

    public static int FillerCount => FillerWords.Length;

    public static string FillerWord(int index) => FillerWords[index];
}
