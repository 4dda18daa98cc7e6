using CoNRec.Model.Policy;

namespace CoNRec.Model.Tests.Policy;

public sealed class PolicyConfigTests
{
    // The fields of Qwen/Qwen3-0.6B's config.json that matter here, plus some we ignore.
    const string Qwen3Json = """
        {
          "architectures": ["Qwen3ForCausalLM"], "attention_bias": false, "attention_dropout": 0.0,
          "bos_token_id": 151643, "eos_token_id": 151645, "head_dim": 128, "hidden_act": "silu",
          "hidden_size": 1024, "initializer_range": 0.02, "intermediate_size": 3072,
          "max_position_embeddings": 40960, "max_window_layers": 28, "model_type": "qwen3",
          "num_attention_heads": 16, "num_hidden_layers": 28, "num_key_value_heads": 8,
          "rms_norm_eps": 1e-06, "rope_scaling": null, "rope_theta": 1000000, "sliding_window": null,
          "tie_word_embeddings": true, "torch_dtype": "bfloat16", "transformers_version": "4.51.0",
          "use_cache": true, "use_sliding_window": false, "vocab_size": 151936
        }
        """;

    [Fact]
    public void A_hugging_face_qwen3_config_reads_as_the_matching_preset()
    {
        var config = PolicyConfig.Parse(Qwen3Json, "config.json");

        Assert.Equal(PolicyConfig.Qwen3_0_6B, config);
    }

    [Fact]
    public void Every_preset_is_valid_and_round_trips_through_json()
    {
        foreach (var name in PolicyConfig.PresetNames)
        {
            var preset = PolicyConfig.Preset(name);

            preset.Validate();
            Assert.Equal(preset, PolicyConfig.Parse(preset.ToJson(), name));
        }
    }

    [Fact]
    public void The_largest_preset_has_the_published_qwen3_14b_shape()
    {
        var config = PolicyConfig.Preset("Qwen3-14B");

        Assert.Equal((5120, 17408, 40, 40, 8, 128), (config.HiddenSize, config.IntermediateSize, config.NumHiddenLayers,
            config.NumAttentionHeads, config.NumKeyValueHeads, config.HeadDim));
        Assert.False(config.TieWordEmbeddings);
    }

    [Theory]
    [InlineData("num_key_value_heads")]
    [InlineData("head_dim")]
    [InlineData("dtype")]
    [InlineData("device")]
    [InlineData("vocab_size")]
    public void Validation_names_the_bad_setting(string setting)
    {
        var config = setting switch
        {
            "num_key_value_heads" => PolicyConfig.Tiny with { NumKeyValueHeads = 3 },
            "head_dim" => PolicyConfig.Tiny with { HeadDim = 7 },
            "dtype" => PolicyConfig.Tiny with { DType = "fp8" },
            "device" => PolicyConfig.Tiny with { Device = "gpu0" },
            _ => PolicyConfig.Tiny with { VocabSize = 0 },
        };

        var error = Assert.Throws<ArgumentException>(config.Validate);

        Assert.Contains($"policy.{setting}", error.Message);
    }

    [Fact]
    public void Scaled_rotary_embeddings_are_refused_rather_than_ignored()
    {
        var json = Qwen3Json.Replace("\"rope_scaling\": null", "\"rope_scaling\": {\"rope_type\": \"yarn\", \"factor\": 4.0}", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => PolicyConfig.Parse(json, "some/config.json"));

        Assert.Contains("some/config.json: rope_scaling", error.Message);
    }

    [Fact]
    public void A_config_without_a_shape_field_is_refused_with_the_field_name()
    {
        var json = Qwen3Json.Replace("\"head_dim\": 128,", "", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => PolicyConfig.Parse(json, "m/config.json"));

        Assert.Contains("m/config.json", error.Message);
        Assert.Contains("head_dim", error.Message);
    }

    [Fact]
    public void The_newer_dtype_field_is_read_when_torch_dtype_is_absent()
    {
        var json = Qwen3Json.Replace("\"torch_dtype\": \"bfloat16\"", "\"dtype\": \"float16\"", StringComparison.Ordinal);

        Assert.Equal("float16", PolicyConfig.Parse(json, "config.json").TorchDtype);
    }

    [Fact]
    public void An_unknown_preset_lists_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => PolicyConfig.Preset("qwen9"));

        Assert.Contains("qwen3-0.6b", error.Message);
    }
}
