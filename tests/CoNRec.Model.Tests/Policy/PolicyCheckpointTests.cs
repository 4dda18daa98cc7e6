using System.Text.Json;
using CoNRec.Model.Checkpoints;
using CoNRec.Model.Policy;
using static TorchSharp.torch;

namespace CoNRec.Model.Tests.Policy;

public sealed class PolicyCheckpointTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("conrec-policy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static readonly long[,] Prompt = { { 3, 1, 4, 1, 5 }, { 9, 2, 6, 5, 3 } };

    static Tensor Logits(PolicyModel model)
    {
        model.eval();
        using var inference = inference_mode();
        return model.call(tensor(Prompt));
    }

    static void AssertSameLogits(PolicyModel expected, PolicyModel actual)
    {
        using var scope = NewDisposeScope();
        Assert.True(Logits(expected).equal(Logits(actual)).all().item<bool>());
    }

    [Fact]
    public void A_saved_model_loads_back_with_exactly_the_same_logits()
    {
        using var original = new PolicyModel(PolicyConfig.Tiny, seed: 5);

        PolicyCheckpoint.SavePretrained(original, _dir);
        using var loaded = PolicyCheckpoint.LoadPretrained(_dir);

        Assert.True(File.Exists(Path.Combine(_dir, "model.safetensors")));
        Assert.Equal(original.Config, loaded.Config);
        AssertSameLogits(original, loaded);
    }

    [Fact]
    public void A_two_shard_index_written_by_hand_loads_like_a_single_file()
    {
        using var original = new PolicyModel(PolicyConfig.Tiny with { TieWordEmbeddings = true }, seed: 6);
        var weights = original.state_dict();
        var names = weights.Keys.Order(StringComparer.Ordinal).ToArray();
        var first = names.Take(names.Length / 2).ToArray();
        var second = names.Skip(names.Length / 2).ToArray();
        SafeTensors.Write(Path.Combine(_dir, "part-a.safetensors"), first.ToDictionary(n => n, n => weights[n]));
        SafeTensors.Write(Path.Combine(_dir, "part-b.safetensors"), second.ToDictionary(n => n, n => weights[n]));
        var map = first.ToDictionary(n => n, _ => "part-a.safetensors").Concat(second.ToDictionary(n => n, _ => "part-b.safetensors"));
        File.WriteAllText(Path.Combine(_dir, "model.safetensors.index.json"),
            JsonSerializer.Serialize(new { metadata = new { total_size = 0 }, weight_map = map.ToDictionary() }));
        original.Config.Save(Path.Combine(_dir, "config.json"));

        using var loaded = PolicyCheckpoint.LoadPretrained(_dir);

        AssertSameLogits(original, loaded);
    }

    [Fact]
    public void Save_shards_above_the_limit_and_writes_an_index()
    {
        using var original = new PolicyModel(PolicyConfig.Tiny, seed: 7);

        PolicyCheckpoint.SavePretrained(original, _dir, maxShardBytes: 8_000);
        using var loaded = PolicyCheckpoint.LoadPretrained(_dir);

        var shards = Directory.GetFiles(_dir, "model-*-of-*.safetensors");
        Assert.True(shards.Length >= 2, $"{shards.Length} shard(s)");
        Assert.False(File.Exists(Path.Combine(_dir, "model.safetensors")));
        Assert.Equal(original.state_dict().Count, WeightFiles.ReadWeightMap(Path.Combine(_dir, "model.safetensors.index.json")).Count);
        AssertSameLogits(original, loaded);
    }

    [Fact]
    public void Saved_config_uses_hugging_face_field_names()
    {
        using var model = new PolicyModel(PolicyConfig.Tiny);

        PolicyCheckpoint.SavePretrained(model, _dir);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "config.json")));

        var root = json.RootElement;
        Assert.Equal("qwen3", root.GetProperty("model_type").GetString());
        Assert.Equal("Qwen3ForCausalLM", root.GetProperty("architectures")[0].GetString());
        Assert.Equal(2, root.GetProperty("num_key_value_heads").GetInt32());
        Assert.Equal(8, root.GetProperty("head_dim").GetInt32());
        Assert.Equal("float32", root.GetProperty("torch_dtype").GetString());
        Assert.False(root.TryGetProperty("Device", out _));
    }

    [Fact]
    public void Weights_convert_to_the_configured_dtype_on_load()
    {
        using var original = new PolicyModel(PolicyConfig.Tiny, seed: 8);
        PolicyCheckpoint.SavePretrained(original, _dir);

        using var loaded = PolicyCheckpoint.LoadPretrained(_dir, c => c with { DType = "bf16" });

        var key = "model.layers.0.mlp.up_proj.weight";
        Assert.Equal(ScalarType.BFloat16, loaded.state_dict()[key].dtype);
        using var scope = NewDisposeScope();
        Assert.True(original.state_dict()[key].to(ScalarType.BFloat16).equal(loaded.state_dict()[key]).all().item<bool>());
    }

    [Fact]
    public void A_larger_vocabulary_keeps_the_checkpoint_rows_and_starts_new_rows_at_their_mean()
    {
        using var original = new PolicyModel(PolicyConfig.Tiny, seed: 9);
        PolicyCheckpoint.SavePretrained(original, _dir);

        using var loaded = PolicyCheckpoint.LoadPretrained(_dir, c => c with { VocabSize = 70 });

        using var scope = NewDisposeScope();
        var before = original.state_dict()["model.embed_tokens.weight"];
        var after = loaded.state_dict()["model.embed_tokens.weight"];
        Assert.Equal(new long[] { 70, 32 }, after.shape);
        Assert.True(after.narrow(0, 0, 64).equal(before).all().item<bool>());
        Assert.True(after[69].allclose(before.mean([0]), atol: 1e-6));
        Assert.Equal(new long[] { 70, 32 }, loaded.state_dict()["lm_head.weight"].shape);
    }

    [Fact]
    public void A_missing_config_is_reported_with_its_path()
    {
        using var model = new PolicyModel(PolicyConfig.Tiny);
        PolicyCheckpoint.SavePretrained(model, _dir);
        File.Delete(Path.Combine(_dir, "config.json"));

        var error = Assert.Throws<FileNotFoundException>(() => PolicyCheckpoint.LoadPretrained(_dir));

        Assert.Contains("config.json", error.Message);
    }

    [Fact]
    public void Weights_that_do_not_match_the_config_are_reported_by_tensor_and_file()
    {
        using var model = new PolicyModel(PolicyConfig.Tiny);
        PolicyCheckpoint.SavePretrained(model, _dir);
        (PolicyConfig.Tiny with { IntermediateSize = 48 }).Save(Path.Combine(_dir, "config.json"));

        var error = Assert.Throws<InvalidDataException>(() => PolicyCheckpoint.LoadPretrained(_dir));

        Assert.Contains("model.safetensors: 'model.layers.0.mlp.down_proj.weight' has shape [32, 64] but config.json implies [32, 48]", error.Message);
    }

    [Fact]
    public void Missing_weights_are_listed()
    {
        using var model = new PolicyModel(PolicyConfig.Tiny);
        PolicyCheckpoint.SavePretrained(model, _dir);
        var weights = SafeTensors.Read(Path.Combine(_dir, "model.safetensors"));
        weights.Remove("model.norm.weight", out var removed);
        removed!.Dispose();
        SafeTensors.Write(Path.Combine(_dir, "model.safetensors"), weights);

        var error = Assert.Throws<InvalidDataException>(() => PolicyCheckpoint.LoadPretrained(_dir));

        Assert.Contains("model.safetensors: 'model.norm.weight' is missing", error.Message);
        foreach (var t in weights.Values) t.Dispose();
    }

    [Fact]
    public void A_folder_without_weights_is_reported()
    {
        PolicyConfig.Tiny.Save(Path.Combine(_dir, "config.json"));

        var error = Assert.Throws<FileNotFoundException>(() => PolicyCheckpoint.LoadPretrained(_dir));

        Assert.Contains("model.safetensors.index.json", error.Message);
    }
}
