using CoNRec.Model.Lora;
using CoNRec.Model.Policy;

namespace CoNRec.Cli.Commands.Sft;

static class PolicySetup
{
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
