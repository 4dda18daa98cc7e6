using CoNRec.Model.Evaluation;
using CoNRec.Model.Lora;
using CoNRec.Model.Policy;
using CoNRec.Model.Sid;
using CoNRec.Model.Vocab;

namespace CoNRec.Cli.Commands.Sft;

/// <summary>Where a policy to train comes from: a bundle to continue, a pretrained backbone, or a new preset model.</summary>
sealed record PolicySource(string? Init, string? Backbone, string? SidFolder, string Preset, string Device, string DType, int Seed);

/// <summary>The model, its vocabulary and the SIDs its vocabulary names.</summary>
sealed record OpenedPolicy(PolicyModel Model, Vocabulary Vocabulary, SidArtifactSet Sids, string SidFolder) : IDisposable
{
    public void Dispose() => Model.Dispose();
}

static class PolicySetup
{
    public static OpenedPolicy Open(PolicySource source, IReadOnlyList<string> titles)
    {
        if (source.Init is { } init)
        {
            if (source.Backbone is not null) throw new BadInputException("--init and --backbone exclude each other: a bundle already holds its backbone");
            var bundle = PolicyBundle.Load(init, c => c with { Device = source.Device, DType = source.DType });
            return new OpenedPolicy(bundle.Model, bundle.Vocabulary, bundle.Sids, Path.Combine(init, PolicyBundle.SidFolder));
        }
        if (source.SidFolder is null) throw new BadInputException("--sid is required for a new policy (or give --init BUNDLE)");
        var sids = SidArtifacts.Load(source.SidFolder);
        var levels = ItemSids.LevelSizes(sids.Table);
        if (source.Backbone is { } backbone)
        {
            // config.json and the weight files first: a folder that is not a model is named for what it lacks, not for its tokenizer.
            PolicyConfig.Load(Path.Combine(backbone, PolicyCheckpoint.ConfigFile));
            WeightFiles.Locate(backbone);
            // Our reserved and SID tokens are appended after the tokenizer's; the embedding grows to hold them.
            var vocabulary = Vocabulary.Create(levels, PretrainedTokenizer.Load(backbone));
            var model = PolicyCheckpoint.LoadPretrained(backbone, c => c with { VocabSize = Math.Max(c.VocabSize, vocabulary.Size), Device = source.Device, DType = source.DType });
            return new OpenedPolicy(model, vocabulary, sids, source.SidFolder);
        }
        var titleVocabulary = Vocabulary.Create(levels, BpeTitleTokenizer.Train(titles));
        var config = PolicyConfig.Preset(source.Preset) with { VocabSize = titleVocabulary.Size, Device = source.Device, DType = source.DType };
        return new OpenedPolicy(new PolicyModel(config, source.Seed), titleVocabulary, sids, source.SidFolder);
    }

    /// <summary>
    /// With a rank above zero, freezes the base and injects LoRA adapters; the token embeddings (and an untied
    /// output head) stay trainable, as PEFT's modules_to_save, because the new SID tokens start untrained.
    /// </summary>
    public static LoraModel? MaybeInjectLora(PolicyModel model, int rank, int seed, string baseName)
    {
        if (rank < 0) throw new BadInputException($"--lora-rank must be >= 0 (got {rank})");
        if (rank == 0) return null;
        return LoraModel.Inject(model, new LoraOptions { Rank = rank, Alpha = 2 * rank, Seed = seed, ModulesToSave = LoraOptions.SavableModules }, baseName);
    }
}
