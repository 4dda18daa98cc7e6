using System.Globalization;
using System.Text;
using System.Text.Json;
using CoNRec.Model.Checkpoints;
using static TorchSharp.torch;

namespace CoNRec.Model.Sid;

/// <summary>A SID folder read back: external id, SID and SID embedding (N, LatentDim) of every item, and the report.</summary>
public sealed record SidArtifactSet(IReadOnlyList<string> ExternalIds, SidTable Table, float[,] Embeddings, SidReport Report);

/// <summary>
/// The files of a SID folder: <c>sid_table.tsv</c> (item_external_id, one column per level, suffix),
/// <c>codebooks.safetensors</c> (the RQ-VAE's state: <c>rq.codebooks.{l}</c>, encoder/decoder weights,
/// normalisation stats; architecture in the metadata), <c>sid_embeddings.safetensors</c> (<c>embeddings</c>
/// (N, LatentDim)), <c>sid_report.json</c> and <c>sid_report.txt</c>, sealed by <see cref="AtomicFolder"/>
/// (a sha256 manifest, written to a temporary sibling and renamed into place).
/// </summary>
public static class SidArtifacts
{
    public const string TableFile = "sid_table.tsv";
    public const string CodebooksFile = "codebooks.safetensors";
    public const string EmbeddingsFile = "sid_embeddings.safetensors";
    public const string ReportJsonFile = "sid_report.json";
    public const string ReportTextFile = "sid_report.txt";

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    /// <summary>Writes the folder (replacing one that exists); the SID embeddings come from the model's codebooks.</summary>
    public static void Save(string folder, IReadOnlyList<string> externalIds, RqVae model, SidTable table, SidReport report)
    {
        ArgumentNullException.ThrowIfNull(externalIds);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(report);
        if (externalIds.Count != table.Count) throw new ArgumentException($"{externalIds.Count} external ids for {table.Count} SIDs", nameof(externalIds));
        foreach (var id in externalIds)
            if (id.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0) throw new ArgumentException($"external id '{id}' holds a tab or line break", nameof(externalIds));
        var embeddings = model.SidEmbeddings(table.CodesCopy());

        AtomicFolder.Write(folder, temp =>
        {
            WriteTable(Path.Combine(temp, TableFile), externalIds, table);
            WriteCodebooks(Path.Combine(temp, CodebooksFile), model);
            WriteEmbeddings(Path.Combine(temp, EmbeddingsFile), embeddings);
            File.WriteAllText(Path.Combine(temp, ReportJsonFile), JsonSerializer.Serialize(report, Json));
            File.WriteAllText(Path.Combine(temp, ReportTextFile), report.Format());
        });
    }

    /// <summary>Reads the table, the embeddings and the report, checking that their shapes agree.</summary>
    /// <exception cref="FileNotFoundException">A file is missing; the message names it.</exception>
    /// <exception cref="InvalidDataException">A file is malformed or disagrees with another; the message names it.</exception>
    public static SidArtifactSet Load(string folder)
    {
        var codebooksPath = Require(folder, CodebooksFile);
        var (levels, codebookSize, latentDim) = CodebookShape(codebooksPath);
        var (ids, table) = SidTableFile.Read(Require(folder, TableFile), levels, codebookSize);
        var embeddings = ReadEmbeddings(Require(folder, EmbeddingsFile), table.Count, latentDim);
        var reportPath = Require(folder, ReportJsonFile);
        SidReport report;
        try
        {
            report = JsonSerializer.Deserialize<SidReport>(File.ReadAllText(reportPath), Json)
                     ?? throw new InvalidDataException($"{reportPath}: empty report");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{reportPath}: not a SID report: {e.Message}", e);
        }
        if (report.Items != table.Count || report.Levels != levels)
            throw new InvalidDataException($"{reportPath}: reports {report.Items} items x {report.Levels} levels, {TableFile} holds {table.Count} x {levels}");
        // Structure first (clearer messages), then the hashes catch silent corruption.
        AtomicFolder.Verify(folder);
        return new SidArtifactSet(ids, table, embeddings, report);
    }

    /// <summary>Rebuilds the trained RQ-VAE (eval mode, CPU) from <c>codebooks.safetensors</c>, to encode new items.</summary>
    public static RqVae LoadModel(string folder) => RqVaeCheckpoint.Read(Require(folder, CodebooksFile));

    static string Require(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path}: missing from the SID folder", path);
    }

    static void WriteTable(string path, IReadOnlyList<string> externalIds, SidTable table)
    {
        var text = new StringBuilder();
        text.Append("item_external_id");
        for (var l = 0; l < table.Levels; l++) text.Append('\t').Append((char)('a' + l));
        text.Append("\tsuffix\n");
        for (var i = 0; i < table.Count; i++)
        {
            text.Append(externalIds[i]);
            foreach (var code in table.FullSid(i)) text.Append('\t').Append(code.ToString(CultureInfo.InvariantCulture));
            text.Append('\n');
        }
        File.WriteAllText(path, text.ToString());
    }

    static void WriteCodebooks(string path, RqVae model)
    {
        using var scope = NewDisposeScope();
        var state = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().cpu());
        SafeTensors.Write(path, state, RqVaeCheckpoint.Metadata(model));
    }

    static void WriteEmbeddings(string path, float[,] embeddings)
    {
        using var scope = NewDisposeScope();
        var flat = new float[embeddings.Length];
        Buffer.BlockCopy(embeddings, 0, flat, 0, flat.Length * sizeof(float));
        var t = tensor(flat, [embeddings.GetLength(0), embeddings.GetLength(1)]);
        SafeTensors.Write(path, new Dictionary<string, Tensor> { ["embeddings"] = t });
    }

    static (int Levels, int CodebookSize, int LatentDim) CodebookShape(string path)
    {
        var tensors = SafeTensors.Read(path);
        try
        {
            var levels = 0;
            while (tensors.ContainsKey(RqVaeCheckpoint.CodebookName(levels))) levels++;
            if (levels == 0) throw new InvalidDataException($"{path}: no tensor '{RqVaeCheckpoint.CodebookName(0)}'");
            var first = tensors[RqVaeCheckpoint.CodebookName(0)].shape;
            for (var l = 0; l < levels; l++)
            {
                var shape = tensors[RqVaeCheckpoint.CodebookName(l)].shape;
                if (shape.Length != 2 || shape[0] != first[0] || shape[1] != first[1])
                    throw new InvalidDataException($"{path}: '{RqVaeCheckpoint.CodebookName(l)}' has shape ({string.Join(", ", shape)}), expected ({string.Join(", ", first)})");
            }
            return (levels, (int)first[0], (int)first[1]);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    static float[,] ReadEmbeddings(string path, int items, int latentDim)
    {
        var tensors = SafeTensors.Read(path);
        try
        {
            if (!tensors.TryGetValue("embeddings", out var t)) throw new InvalidDataException($"{path}: no tensor 'embeddings'");
            if (t.dtype != ScalarType.Float32 || t.shape.Length != 2 || t.shape[0] != items || t.shape[1] != latentDim)
                throw new InvalidDataException($"{path}: 'embeddings' is {t.dtype} ({string.Join(", ", t.shape)}), expected Float32 ({items}, {latentDim}) to match {TableFile} and {CodebooksFile}");
            var flat = t.data<float>().ToArray();
            var embeddings = new float[items, latentDim];
            Buffer.BlockCopy(flat, 0, embeddings, 0, flat.Length * sizeof(float));
            return embeddings;
        }
        finally
        {
            foreach (var x in tensors.Values) x.Dispose();
        }
    }
}
