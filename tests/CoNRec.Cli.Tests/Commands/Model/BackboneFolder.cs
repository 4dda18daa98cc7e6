using System.Text.Json;
using System.Text.Json.Nodes;
using CoNRec.Model.Policy;

namespace CoNRec.Cli.Tests.Commands.Model;

/// <summary>A Hugging Face-style model folder for <c>sft --backbone</c>: a tiny Qwen3 checkpoint and a byte-level BPE tokenizer.</summary>
internal static class BackboneFolder
{
    // GPT-2 / Qwen spelling: 'Ġ' is the space byte.
    static readonly string[] Tokens = ["h", "e", "l", "o", "w", "r", "d", "Ġ", "he", "ll", "hell", "hello", "Ġw", "or", "Ġwor", "Ġworl", "Ġworld"];
    static readonly string[] Merges = ["h e", "l l", "he ll", "hell o", "Ġ w", "o r", "Ġw or", "Ġwor l", "Ġworl d"];

    /// <summary>Writes config.json and model.safetensors of a tiny policy; <paramref name="editConfig"/> may change config.json afterwards.</summary>
    public static void WriteModel(string folder, Action<JsonObject>? editConfig = null)
    {
        using (var model = new PolicyModel(PolicyConfig.Tiny, seed: 3)) PolicyCheckpoint.SavePretrained(model, folder);
        if (editConfig is null) return;
        var path = Path.Combine(folder, PolicyCheckpoint.ConfigFile);
        var config = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        editConfig(config);
        File.WriteAllText(path, config.ToJsonString());
    }

    /// <summary>Writes vocab.json and merges.txt, the files PretrainedTokenizer reads when there is no tokenizer.json.</summary>
    public static void WriteTokenizer(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "vocab.json"), JsonSerializer.Serialize(Tokens.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i)));
        File.WriteAllLines(Path.Combine(folder, "merges.txt"), ["#version: 0.2", .. Merges]);
    }
}
