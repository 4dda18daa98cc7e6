using System.Globalization;
using System.Text.Json;
using CoNRec.Model.Checkpoints;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CoNRec.Model.Training;

/// <summary>Where a training run stands: enough to continue it exactly.</summary>
public sealed record TrainerState(long Step, int Seed, double LastLoss, string VocabularyFingerprint);

/// <summary>
/// A resumable training checkpoint, one sealed folder (<see cref="AtomicFolder"/>) per step:
/// <c>trainable.safetensors</c> (the parameters the optimizer updates, by their module names: the whole model, or
/// only the LoRA adapters), <c>optimizer.safetensors</c> (AdamW's moments) and <c>trainer_state.json</c>.
/// Folders are named <c>step-000250</c> under the run's <c>checkpoints/</c>; the newest one is resumed, and refused
/// (not skipped) when it does not verify: folders are sealed atomically, so a mismatch means damage, not a crash.
/// </summary>
public static class TrainingCheckpoint
{
    public const string TrainableFile = "trainable.safetensors";
    public const string OptimizerFile = "optimizer.safetensors";
    public const string StateFile = "trainer_state.json";

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string FolderFor(string root, long step) => Path.Combine(root, $"step-{step:D6}");

    public static void Save(string root, AdamW optimizer, TrainerState state, int keep)
    {
        // SafeTensors.Write's detached CPU copies of each tensor would otherwise outlive the save.
        using (NewDisposeScope())
        {
            AtomicFolder.Write(FolderFor(root, state.Step), folder =>
            {
                SafeTensors.Write(Path.Combine(folder, TrainableFile), optimizer.Parameters.ToDictionary(p => p.Name, p => (Tensor)p.Parameter));
                SafeTensors.Write(Path.Combine(folder, OptimizerFile), optimizer.StateTensors());
                File.WriteAllText(Path.Combine(folder, StateFile), JsonSerializer.Serialize(state, Json));
            });
        }
        // Retention only after the new checkpoint is sealed.
        foreach (var old in List(root).SkipLast(keep)) Directory.Delete(old, recursive: true);
    }

    /// <summary>Checkpoint folders under root, oldest first (by step number: past step 999999 the names outgrow six digits).</summary>
    public static IReadOnlyList<string> List(string root) =>
        Directory.Exists(root)
            ? [.. Directory.GetDirectories(root, "step-*").Select(f => (Folder: f, Step: StepOf(f))).Where(f => f.Step >= 0).OrderBy(f => f.Step).Select(f => f.Folder)]
            : [];

    static long StepOf(string folder) =>
        long.TryParse(Path.GetFileName(folder).AsSpan("step-".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var step) ? step : -1;

    /// <summary>Restores the newest checkpoint into the parameters and optimizer; null when there is none.</summary>
    /// <exception cref="InvalidDataException">The checkpoint is corrupt, or was written for another vocabulary or parameter set.</exception>
    public static TrainerState? RestoreLatest(string root, AdamW optimizer, string vocabularyFingerprint) =>
        List(root) is [.., var latest] ? Restore(latest, optimizer, vocabularyFingerprint) : null;

    /// <summary>Restores the checkpoint in <paramref name="latest"/> (a folder <see cref="Save"/> sealed) into the parameters and optimizer.</summary>
    /// <exception cref="InvalidDataException">The checkpoint is corrupt, or was written for another vocabulary or parameter set.</exception>
    public static TrainerState Restore(string latest, AdamW optimizer, string vocabularyFingerprint)
    {
        AtomicFolder.Verify(latest);
        var state = JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(Path.Combine(latest, StateFile)), Json)
                    ?? throw new InvalidDataException($"{latest}: empty {StateFile}");
        if (state.VocabularyFingerprint != vocabularyFingerprint)
            throw new InvalidDataException($"{latest}: written for another vocabulary (fingerprint {Short(state.VocabularyFingerprint)}, this run's {Short(vocabularyFingerprint)})");

        using var scope = NewDisposeScope();
        var weights = SafeTensors.Read(Path.Combine(latest, TrainableFile));
        var byName = optimizer.Parameters.ToDictionary(p => p.Name, p => p.Parameter, StringComparer.Ordinal);
        var missing = byName.Keys.Except(weights.Keys).ToArray();
        if (missing.Length > 0) throw new InvalidDataException($"{latest}: {TrainableFile} lacks {missing.Length} parameter(s), e.g. '{missing[0]}'");
        using (no_grad())
        {
            foreach (var (name, parameter) in byName)
            {
                var stored = weights[name];
                if (!stored.shape.SequenceEqual(parameter.shape))
                    throw new InvalidDataException($"{latest}: '{name}' has shape [{string.Join(", ", stored.shape)}], the model expects [{string.Join(", ", parameter.shape)}]");
                parameter.copy_(stored);
            }
        }
        optimizer.LoadState(SafeTensors.Read(Path.Combine(latest, OptimizerFile)), state.Step);
        return state;
    }

    static string Short(string? fingerprint) => fingerprint is null ? "none" : fingerprint.Length > 12 ? fingerprint[..12] + "..." : fingerprint;
}
