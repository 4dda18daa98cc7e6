using System.Globalization;
using CoNRec.Model.Checkpoints;
using static TorchSharp.torch;

namespace CoNRec.Model.Sid;

/// <summary>The RQ-VAE's safetensors form: every state tensor under its module name, the architecture in the metadata.</summary>
internal static class RqVaeCheckpoint
{
    public static string CodebookName(int level) => $"rq.codebooks.{level}";

    public static Dictionary<string, string> Metadata(RqVae model)
    {
        var o = model.Options;
        return new Dictionary<string, string>
        {
            ["format"] = "conrec-rqvae",
            ["input_dim"] = Text(model.InputDim),
            ["levels"] = Text(o.Levels),
            ["codebook_size"] = Text(o.CodebookSize),
            ["latent_dim"] = Text(o.LatentDim),
            ["hidden_dims"] = string.Join(',', o.HiddenDims.Select(Text)),
            ["activation"] = o.Activation.ToString(),
            ["beta"] = o.Beta.ToString("R", CultureInfo.InvariantCulture),
            ["ema"] = o.Ema ? "true" : "false",
        };
    }

    public static RqVae Read(string path)
    {
        var tensors = SafeTensors.Read(path, out var meta);
        try
        {
            var inputDim = Int(path, meta, "input_dim");
            var options = new RqVaeOptions
            {
                Levels = Int(path, meta, "levels"),
                CodebookSize = Int(path, meta, "codebook_size"),
                LatentDim = Int(path, meta, "latent_dim"),
                HiddenDims = Field(path, meta, "hidden_dims").Split(',', StringSplitOptions.RemoveEmptyEntries)
                    .Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray(),
                Activation = Enum.Parse<RqVaeActivation>(Field(path, meta, "activation")),
                Beta = double.Parse(Field(path, meta, "beta"), CultureInfo.InvariantCulture),
                Ema = Field(path, meta, "ema") == "true",
            };
            var model = new RqVae(inputDim, options);
            using (no_grad())
            {
                foreach (var (name, target) in model.state_dict())
                {
                    if (!tensors.TryGetValue(name, out var stored)) throw new InvalidDataException($"{path}: no tensor '{name}'");
                    if (!stored.shape.SequenceEqual(target.shape))
                        throw new InvalidDataException($"{path}: '{name}' has shape ({string.Join(", ", stored.shape)}), the model expects ({string.Join(", ", target.shape)})");
                    target.copy_(stored);
                }
            }
            model.eval();
            return model;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new InvalidDataException($"{path}: RQ-VAE metadata is invalid: {e.Message}", e);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    static string Field(string path, IReadOnlyDictionary<string, string> meta, string key) =>
        meta.TryGetValue(key, out var value) ? value : throw new InvalidDataException($"{path}: metadata has no '{key}' (not an RQ-VAE checkpoint?)");

    static int Int(string path, IReadOnlyDictionary<string, string> meta, string key) =>
        int.TryParse(Field(path, meta, key), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"{path}: metadata '{key}' is not a number");
}
