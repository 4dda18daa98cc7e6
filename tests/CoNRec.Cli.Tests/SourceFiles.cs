namespace CoNRec.Cli.Tests;

/// <summary>
/// Small source files in every layout <c>conrec data import</c> reads, with counts the tests can check by hand.
/// Each layout is a set of (file name, content) pairs; tests swap one file for a broken one.
/// </summary>
internal static class SourceFiles
{
    /// <summary>ml-100k: 3 movies; 2 users, 4 ratings (5 positive, 1 and 2 negative, 3 neutral).</summary>
    public static Dictionary<string, string> MovieLens100k() => new()
    {
        ["u.item"] = Lines(
            Ml100kItem(1, "Toy Story (1995)", "Animation", "Comedy"),
            Ml100kItem(2, "GoldenEye (1995)", "Action", "Thriller"),
            Ml100kItem(3, "Four Rooms (1995)", "Thriller")),
        ["u.data"] = Lines("1\t1\t5\t874965758", "1\t2\t1\t874965800", "2\t1\t3\t875000000", "2\t3\t2\t875000100"),
    };

    /// <summary>ml-1m: 3 movies; 3 users, 5 ratings (2 positive, 2 negative, 1 neutral).</summary>
    public static Dictionary<string, string> MovieLens1m() => new()
    {
        ["movies.dat"] = Lines("1::Toy Story (1995)::Animation|Children's|Comedy", "2::Jumanji (1995)::Adventure|Children's|Fantasy", "3::Heat (1995)::Action|Crime|Thriller"),
        ["ratings.dat"] = Lines("1::1::5::978300760", "1::2::1::978300800", "2::3::4::978301000", "3::1::2::978302000", "3::2::3::978302100"),
    };

    /// <summary>ml-20m and later: 3 movies (one title quoted, one without genres); 2 users, 4 ratings (1 positive, 2 negative, 1 neutral).</summary>
    public static Dictionary<string, string> MovieLensCsv() => new()
    {
        ["movies.csv"] = Lines("movieId,title,genres", "1,\"American President, The (1995)\",Comedy|Drama|Romance", "2,Heat (1995),Action|Crime", "3,Unknown Film (2001),(no genres listed)"),
        ["ratings.csv"] = Lines("userId,movieId,rating,timestamp", "1,1,4.5,1112486027", "1,2,0.5,1112486100", "2,3,2.0,1112490000", "2,1,3.5,1112490100"),
    };

    public const string KuaiRandHeader = "user_id,video_id,date,hourmin,time_ms,is_click,is_like,is_follow,is_comment,is_forward,is_hate,long_view,play_time_ms";

    /// <summary>KuaiRand: two logs, 3 users, 3 videos, 5 rows (1 negative, 2 positive, 1 click, 1 exposure).</summary>
    public static Dictionary<string, string> KuaiRand() => new()
    {
        ["log_standard_4_08_to_4_21_1k.csv"] = Lines(KuaiRandHeader,
            "0,100,20220408,1000,1649412000000,1,0,0,0,0,1,0,3000",
            "0,101,20220408,1001,1649412060000,1,1,0,0,0,0,0,9000",
            "1,100,20220408,1002,1649412120000,1,0,0,0,0,0,0,4000"),
        ["log_standard_4_22_to_5_08_1k.csv"] = Lines(KuaiRandHeader,
            "1,102,20220422,1200,1650628800000,0,0,0,0,0,0,0,500",
            "2,101,20220422,1201,1650628860000,1,0,0,0,0,0,1,20000"),
    };

    /// <summary>The generic CSV format: 3 items; 2 users, 5 events (1 exposure, 1 click, 1 positive, 2 negative).</summary>
    public static Dictionary<string, string> GenericCsv() => new()
    {
        ["items.csv"] = Lines("item_id,title,category", "k1,\"Chef's knife, 20 cm\",Home/Kitchen/Knives", "b7,Blender,Home/Kitchen", "x,Mystery box,"),
        ["events.csv"] = Lines("user_id,item_id,timestamp,kind,reason",
            "alice,k1,1700000000,exposure,", "alice,b7,2023-11-14T22:13:21Z,click,", "bob,k1,1700000100,positive,",
            "bob,b7,1700000200,negative,not-interested", "bob,x,1700000300,negative,"),
    };

    /// <summary>Writes the files into a new sub-folder of <paramref name="temp"/>; returns the sub-folder.</summary>
    public static string WriteFolder(TempFolder temp, string folder, IReadOnlyDictionary<string, string> files)
    {
        var root = temp.PathOf(folder);
        Directory.CreateDirectory(root);
        foreach (var (name, content) in files) temp.Write(Path.Combine(folder, name), content);
        return root;
    }

    public static string Lines(params string[] lines) => string.Join('\n', lines) + "\n";

    static string Ml100kItem(int id, string title, params string[] genres)
    {
        string[] all = ["unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
            "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"];
        var flags = all.Select(g => genres.Contains(g) ? "1" : "0");
        return string.Join('|', [id.ToString(System.Globalization.CultureInfo.InvariantCulture), title, "01-Jan-1995", "", "http://us.imdb.com/x", .. flags]);
    }
}
