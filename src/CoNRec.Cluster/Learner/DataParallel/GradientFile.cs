using System.Globalization;
using CoNRec.Model.Checkpoints;
using static TorchSharp.torch;

namespace CoNRec.Cluster.Learner.DataParallel;

/// <summary>Whose gradient a file holds: run, step, optimizer update within the step, rank of world; and its share's metrics.</summary>
public sealed record GradientHeader(string RunId, long Step, int Update, int Rank, int World, ShareMetrics Metrics)
{
    /// <summary>"run r step 3 update 1 rank 0/2": how errors name a gradient.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"run {RunId} step {Step} update {Update} rank {Rank}/{World}");

    public bool SameUpdate(GradientHeader other) =>
        other is not null && RunId == other.RunId && Step == other.Step && Update == other.Update && World == other.World;
}

/// <summary>
/// One learner's gradient of one update as a safetensors file: one fp32 tensor per trainable parameter that has a
/// gradient (by its name), and the <see cref="GradientHeader"/> in the metadata. fp32 bytes round-trip exactly, so
/// a peer reads the very numbers the writer summed. Written atomically (temp file, fsync, rename).
/// </summary>
public static class GradientFile
{
    const string Kind = "conrec-gradient";

    public static void Write(string path, GradientHeader header, IReadOnlyDictionary<string, Tensor> gradients)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(gradients);
        var bad = gradients.FirstOrDefault(g => g.Value.dtype != ScalarType.Float32);
        if (bad.Value is not null) throw new ArgumentException($"gradient '{bad.Key}' is {bad.Value.dtype}; gradient files hold fp32", nameof(gradients));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var m = header.Metrics;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["format"] = Kind,
            ["run"] = header.RunId,
            ["step"] = Text(header.Step),
            ["update"] = Text(header.Update),
            ["rank"] = Text(header.Rank),
            ["world"] = Text(header.World),
            ["loss"] = Text(m.Loss),
            ["pg_loss"] = Text(m.PgLoss),
            ["tokens"] = Text(m.Tokens),
            ["kl"] = Text(m.Kl),
            ["clip_frac"] = Text(m.ClipFrac),
            ["ratio_mean"] = Text(m.RatioMean),
            ["ratio_max"] = Text(m.RatioMax),
            ["entropy"] = Text(m.Entropy),
        };
        SafeTensors.Write(path, gradients, metadata);
    }

    /// <summary>The header and the gradients (on the CPU; the caller disposes them).</summary>
    /// <exception cref="InvalidDataException">Not a gradient file, or a header field is missing or malformed; names <paramref name="source"/>.</exception>
    public static (GradientHeader Header, Dictionary<string, Tensor> Gradients) Read(string path, string source)
    {
        var tensors = SafeTensors.Read(path, out var metadata);
        try
        {
            if (!metadata.TryGetValue("format", out var format) || format != Kind)
                throw new InvalidDataException($"{source}: not a gradient file (format '{format}')");
            var header = new GradientHeader(Field(metadata, "run", source), Long(metadata, "step", source), (int)Long(metadata, "update", source),
                (int)Long(metadata, "rank", source), (int)Long(metadata, "world", source),
                new ShareMetrics(Double(metadata, "loss", source), Double(metadata, "pg_loss", source), Long(metadata, "tokens", source),
                    Double(metadata, "kl", source), Double(metadata, "clip_frac", source), Double(metadata, "ratio_mean", source),
                    Double(metadata, "ratio_max", source), Double(metadata, "entropy", source)));
            var bad = tensors.FirstOrDefault(t => t.Value.dtype != ScalarType.Float32);
            if (bad.Value is not null) throw new InvalidDataException($"{source}: gradient '{bad.Key}' is {bad.Value.dtype}, not fp32");
            return (header, tensors);
        }
        catch
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw;
        }
    }

    static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    static string Field(IReadOnlyDictionary<string, string> metadata, string key, string source) =>
        metadata.TryGetValue(key, out var value) ? value : throw new InvalidDataException($"{source}: gradient file has no '{key}'");

    static long Long(IReadOnlyDictionary<string, string> metadata, string key, string source) =>
        long.TryParse(Field(metadata, key, source), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value : throw new InvalidDataException($"{source}: gradient file's '{key}' is not an integer");

    static double Double(IReadOnlyDictionary<string, string> metadata, string key, string source) =>
        double.TryParse(Field(metadata, key, source), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value : throw new InvalidDataException($"{source}: gradient file's '{key}' is not a number");
}
