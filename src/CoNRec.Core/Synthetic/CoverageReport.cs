using System.Globalization;
using System.Text;

namespace CoNRec.Core.Synthetic;

/// <summary>
/// Coverage of the users' top-k disliked groups (shares in [0, 1], averaged over users) by (a) the next
/// negative, (b) the negatives in the window, (c) the window's negatives plus their neighbours.
/// </summary>
public sealed record CoverageRow(int K, double NextNegative, double Window, double WindowAndNeighbours);

/// <summary>The result of <see cref="CoverageCheck.Run"/>: one row per k, over <see cref="Users"/> evaluation users.</summary>
public sealed record CoverageReport(int Users, double WindowDays, int TopNeighbours, CoverageRow[] Rows)
{
    public CoverageRow Top(int k) => Array.Find(Rows, r => r.K == k) ?? throw new ArgumentException($"coverage has no row for top-{k}");

    /// <summary>A small aligned table, e.g. for <c>conrec data stats</c>.</summary>
    public string Format()
    {
        var c = CultureInfo.InvariantCulture;
        var window = WindowDays.ToString("0.##", c);
        var b = new StringBuilder();
        b.Append(c, $"Coverage of the users' top-k disliked groups ({Users} users, window {window} days, {TopNeighbours} neighbours per negative)\n");
        b.Append(c, $"{"top-k",-6} {"(a) next negative",18} {$"(b) negatives in {window} d",22} {"(c) (b) + neighbours",22}\n");
        foreach (var r in Rows)
            b.Append(c, $"{"top-" + r.K.ToString(c),-6} {Percent(r.NextNegative),18} {Percent(r.Window),22} {Percent(r.WindowAndNeighbours),22}\n");
        return b.ToString();
    }

    static string Percent(double share) => (100 * share).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Users = {Users}, WindowDays = {WindowDays}, TopNeighbours = {TopNeighbours}, Rows = {Rows.Length}");
        return true;
    }
}
