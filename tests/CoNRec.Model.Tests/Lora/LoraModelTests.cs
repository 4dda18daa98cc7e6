using System.Text.Json;
using CoNRec.Model.Lora;
using CoNRec.Model.Policy;
using TorchSharp;
using static TorchSharp.torch;

namespace CoNRec.Model.Tests.Lora;

public sealed class LoraModelTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("conrec-lora-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static readonly LoraOptions Options = new() { Rank = 4, Alpha = 8, Dropout = 0.1, Seed = 1 };

    static Tensor Batch() => tensor(new long[,] { { 3, 1, 4, 1, 5, 9 }, { 2, 6, 5, 3, 5, 8 } });

    static Tensor Logits(PolicyModel model)
    {
        model.eval();
        using var inference = inference_mode();
        return model.call(Batch());
    }

    static float Gap(Tensor a, Tensor b) => (a - b).abs().max().item<float>();

    // A few AdamW steps of next-token loss, handing the optimizer every parameter: freezing must hold anyway.
    static void Train(LoraModel lora, int steps)
    {
        lora.Model.train();
        using var optimizer = optim.AdamW(lora.Model.parameters(), lr: 0.05);
        for (var i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var ids = Batch();
            var logits = lora.Model.call(ids.narrow(1, 0, 5));
            var loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[2]), ids.narrow(1, 1, 5).reshape(-1));
            loss.backward();
            optimizer.step();
        }
    }

    static Dictionary<string, Tensor> Snapshot(PolicyModel model) =>
        model.state_dict().ToDictionary(e => e.Key, e => e.Value.detach().clone());

    [Fact]
    public void At_injection_the_adapted_model_gives_the_base_logits()
    {
        using var scope = NewDisposeScope();
        using var model = new PolicyModel(PolicyConfig.Tiny, seed: 1);
        var before = Logits(model);

        var lora = LoraModel.Inject(model, Options);

        Assert.Equal(0f, Gap(before, Logits(lora.Model)));
        Assert.Equal(2 * 7 * 2, lora.AdapterParameters().Count);
    }

    [Fact]
    public void Training_changes_only_the_adapter_parameters()
    {
        using var scope = NewDisposeScope();
        using var model = new PolicyModel(PolicyConfig.Tiny, seed: 2);
        var lora = LoraModel.Inject(model, Options);
        var before = Snapshot(model);

        Train(lora, steps: 3);

        var after = model.state_dict();
        foreach (var (name, old) in before)
        {
            var changed = !old.equal(after[name]).all().item<bool>();
            var isAdapter = name.Contains(".lora_", StringComparison.Ordinal);
            Assert.True(changed == isAdapter, $"{name}: changed {changed}");
        }
        Assert.All(lora.AdapterParameters(), p => Assert.True(p.requires_grad));
        Assert.Contains("model.layers.1.mlp.down_proj.base_layer.weight", after.Keys);
    }

    [Fact]
    public void Merging_gives_the_adapted_logits_and_plain_hugging_face_names()
    {
        using var scope = NewDisposeScope();
        using var model = new PolicyModel(PolicyConfig.Tiny, seed: 3);
        var baseLogits = Logits(model);
        var lora = LoraModel.Inject(model, Options);
        Train(lora, steps: 3);
        var adapted = Logits(lora.Model);

        var merged = lora.Merge();

        Assert.True(Gap(baseLogits, adapted) > 1e-2, $"training moved the logits by only {Gap(baseLogits, adapted)}");
        Assert.True(Gap(adapted, Logits(merged)) <= 1e-4, $"gap {Gap(adapted, Logits(merged))}");
        using var plain = new PolicyModel(PolicyConfig.Tiny);
        Assert.Equal(plain.state_dict().Keys.Order(), merged.state_dict().Keys.Order());
        Assert.All(merged.parameters(), p => Assert.True(p.requires_grad));
        Assert.Throws<InvalidOperationException>(() => lora.SaveAdapter(_dir));
    }

    [Fact]
    public void A_saved_adapter_loads_onto_the_same_base_with_the_same_logits()
    {
        using var scope = NewDisposeScope();
        using var model = new PolicyModel(PolicyConfig.Tiny, seed: 4);
        var lora = LoraModel.Inject(model, Options, baseModelNameOrPath: "tiny-base");
        Train(lora, steps: 2);
        var adapted = Logits(lora.Model);

        lora.SaveAdapter(_dir);
        using var freshBase = new PolicyModel(PolicyConfig.Tiny, seed: 4);
        var loaded = LoraModel.LoadAdapter(freshBase, _dir);

        Assert.Equal(0f, Gap(adapted, Logits(loaded.Model)));
        Assert.Equal(Options.Rank, loaded.Options.Rank);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "adapter_config.json")));
        Assert.Equal(4, json.RootElement.GetProperty("r").GetInt32());
        Assert.Equal("tiny-base", json.RootElement.GetProperty("base_model_name_or_path").GetString());
        Assert.Equal(7, json.RootElement.GetProperty("target_modules").GetArrayLength());
        Assert.Contains("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight", lora.AdapterWeights().Keys);
        Assert.Equal(new long[] { 4, 32 }, lora.AdapterWeights()["base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight"].shape);
    }

    [Fact]
    public void Modules_to_save_train_and_travel_with_the_adapter()
    {
        using var scope = NewDisposeScope();
        using var model = new PolicyModel(PolicyConfig.Tiny, seed: 6);
        var options = Options with { ModulesToSave = ["embed_tokens", "lm_head"] };
        var lora = LoraModel.Inject(model, options);
        var before = Snapshot(model)["model.embed_tokens.weight"];
        Train(lora, steps: 2);
        var adapted = Logits(lora.Model);

        lora.SaveAdapter(_dir);
        using var freshBase = new PolicyModel(PolicyConfig.Tiny, seed: 6);
        var loaded = LoraModel.LoadAdapter(freshBase, _dir);

        Assert.NotEqual(0f, Gap(before, model.state_dict()["model.embed_tokens.weight"]));
        Assert.Contains("base_model.model.model.embed_tokens.weight", lora.AdapterWeights().Keys);
        Assert.Contains("base_model.model.lm_head.weight", lora.AdapterWeights().Keys);
        Assert.Equal(0f, Gap(adapted, Logits(loaded.Model)));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "adapter_config.json")));
        Assert.Equal(2, json.RootElement.GetProperty("modules_to_save").GetArrayLength());
    }

    [Fact]
    public void The_fingerprint_ignores_the_base_precision()
    {
        using var full = new PolicyModel(PolicyConfig.Tiny, seed: 5);
        PolicyCheckpoint.SavePretrained(full, _dir);
        using var half = PolicyCheckpoint.LoadPretrained(_dir, c => c with { DType = "bf16" });

        Assert.Equal(BaseFingerprint.Of(full), BaseFingerprint.Of(half));
    }

    [Fact]
    public void An_adapter_for_another_base_is_refused()
    {
        using var model = new PolicyModel(PolicyConfig.Tiny, seed: 6);
        LoraModel.Inject(model, Options).SaveAdapter(_dir);
        using var otherWeights = new PolicyModel(PolicyConfig.Tiny, seed: 7);
        using var otherShape = new PolicyModel(PolicyConfig.Tiny with { IntermediateSize = 48 }, seed: 6);

        var weightsError = Assert.Throws<InvalidDataException>(() => LoraModel.LoadAdapter(otherWeights, _dir));
        var shapeError = Assert.Throws<InvalidDataException>(() => LoraModel.LoadAdapter(otherShape, _dir));

        Assert.Contains("adapter_config.json: this adapter was made for another base model: the base's weights differ", weightsError.Message);
        Assert.Contains("architecture differs", shapeError.Message);
        Assert.DoesNotContain(otherWeights.state_dict().Keys, k => k.Contains("lora_", StringComparison.Ordinal));
    }

    [Fact]
    public void An_adapted_model_built_inside_a_dispose_scope_outlives_it()
    {
        PolicyModel model;
        using (NewDisposeScope())
        {
            model = new PolicyModel(PolicyConfig.Tiny);
            LoraModel.Inject(model, Options);
        }
        using var scope = NewDisposeScope();

        Assert.True(Logits(model).isfinite().all().item<bool>());
        model.Dispose();
    }

    [Fact]
    public void Injecting_twice_is_refused()
    {
        using var model = new PolicyModel(PolicyConfig.Tiny);
        LoraModel.Inject(model, Options with { TargetModules = ["q_proj"] });

        var error = Assert.Throws<ArgumentException>(() => LoraModel.Inject(model, Options with { TargetModules = ["q_proj"] }));

        Assert.Contains("already adapted", error.Message);
    }

    [Theory]
    [InlineData("rank")]
    [InlineData("alpha")]
    [InlineData("dropout")]
    [InlineData("target_modules")]
    public void Option_validation_names_the_bad_setting(string setting)
    {
        var options = setting switch
        {
            "rank" => Options with { Rank = 0 },
            "alpha" => Options with { Alpha = -1 },
            "dropout" => Options with { Dropout = 1 },
            _ => Options with { TargetModules = ["qkv_proj"] },
        };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains($"lora.{setting}", error.Message);
    }
}
