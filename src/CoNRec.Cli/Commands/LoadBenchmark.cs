using System.Diagnostics;
using System.Globalization;
using System.Text;
using CoNRec.Core.Data;
using CoNRec.Core.Import;

namespace CoNRec.Cli.Commands;

/// <summary>
/// Writes a MovieLens-20M-style ratings.csv + movies.csv of N ratings in a temporary folder, imports it,
/// writes the dataset file and reads it back, printing events per second for each phase.
/// </summary>
static class LoadBenchmark
{
    public static async Task RunAsync(int events, CliConsole console, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("conrec-bench-load-").FullName;
        try
        {
            var users = Math.Max(1, events / 100);
            var items = Math.Max(1, Math.Min(20_000, events / 50));
            WriteMovieLens(folder, users, items, events);
            ct.ThrowIfCancellationRequested();
            var size = new FileInfo(Path.Combine(folder, "ratings.csv")).Length;
            await console.Out.WriteLineAsync($"ratings.csv: {events:N0} ratings, {users:N0} users, {items:N0} items, {size / 1e6:0.0} MB");

            var clock = Stopwatch.StartNew();
            var dataset = MovieLensImporter.Import(folder);
            var importSeconds = clock.Elapsed.TotalSeconds;
            var path = Path.Combine(folder, "bench.conrec");

            clock.Restart();
            DatasetFile.Write(dataset, path);
            var writeSeconds = clock.Elapsed.TotalSeconds;

            // Warm the reader once (JIT), then time a cold-JIT-free load.
            DatasetFile.Read(path);
            clock.Restart();
            var loaded = DatasetFile.Read(path);
            var loadSeconds = clock.Elapsed.TotalSeconds;
            if (loaded.Events.Count != dataset.Events.Count) throw new InvalidOperationException("the loaded dataset lost events");

            var n = dataset.Events.Count;
            await console.Out.WriteLineAsync($"import  {importSeconds,8:0.000}s  {n / importSeconds,14:N0} events/s");
            await console.Out.WriteLineAsync($"write   {writeSeconds,8:0.000}s  {n / writeSeconds,14:N0} events/s  ({new FileInfo(path).Length / 1e6:0.0} MB)");
            await console.Out.WriteLineAsync($"load    {loadSeconds,8:0.000}s  {n / loadSeconds,14:N0} events/s");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    static void WriteMovieLens(string folder, int users, int items, int events)
    {
        var random = new Random(11);
        using (var movies = new StreamWriter(Path.Combine(folder, "movies.csv"), false, Encoding.UTF8))
        {
            movies.WriteLine("movieId,title,genres");
            string[] genres = ["Action", "Comedy", "Drama", "Horror", "Romance", "Sci-Fi", "Thriller", "Animation"];
            for (var i = 1; i <= items; i++)
                movies.WriteLine(FormattableString.Invariant($"{i},\"Movie {i}, Part {i % 7} ({1950 + i % 70})\",{genres[i % 8]}|{genres[(i / 8) % 8]}"));
        }
        using var ratings = new StreamWriter(Path.Combine(folder, "ratings.csv"), false, Encoding.UTF8, 1 << 20);
        ratings.WriteLine("userId,movieId,rating,timestamp");
        var perUser = events / users;
        var written = 0;
        for (var u = 1; u <= users && written < events; u++)
        {
            var count = u == users ? events - written : perUser;
            var time = 1_000_000_000L + random.Next(0, 100_000_000);
            for (var j = 0; j < count; j++, written++)
            {
                var item = 1 + (int)(items * Math.Pow(random.NextDouble(), 2));
                var rating = (random.Next(1, 11) / 2.0).ToString("0.0", CultureInfo.InvariantCulture);
                time += random.Next(1, 5_000);
                ratings.Write(u.ToString(CultureInfo.InvariantCulture));
                ratings.Write(',');
                ratings.Write(item.ToString(CultureInfo.InvariantCulture));
                ratings.Write(',');
                ratings.Write(rating);
                ratings.Write(',');
                ratings.WriteLine(time.ToString(CultureInfo.InvariantCulture));
            }
        }
    }
}
