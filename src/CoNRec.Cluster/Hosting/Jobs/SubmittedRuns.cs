using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.DataPlane;
using CoNRec.Cluster.Pipeline;
using CoNRec.Core.Runs;

namespace CoNRec.Cluster.Hosting.Jobs;

/// <summary>
/// Submitted runs on the cluster's runs volume. A submitted run is a folder named by its run id holding the run's
/// config and ids (the files <c>conrec train</c> writes) and a row in the shared store; the director adopts, in this
/// order, a run left Running by a lost node and then the oldest Pending one. Folders of other runs (a
/// <c>conrec train</c> folder is named by the user) are never adopted.
/// </summary>
public static class SubmittedRuns
{
    /// <summary>
    /// Checks the config for a cluster and writes the run's folder: the config with the cluster's store, and the run's
    /// ids. Returns the run with its folder; the caller creates its store row.
    /// </summary>
    /// <exception cref="ArgumentException">The config cannot run on the cluster (names the setting).</exception>
    public static (RunManifest Manifest, RunConfig Config, string Folder) Prepare(string configJson, string source, DirectorOptions options, TimeProvider time)
    {
        var config = RunConfigFile.Parse(configJson, RunConfigFormat.Json, source);
        if (config.DataPlane.Mode != DataPlaneMode.SharedDirectory)
            throw new ArgumentException($"{source}: dataPlane.mode {config.DataPlane.Mode} is not supported for submitted runs yet: the cluster's runs volume is their data plane (sharedDirectory)");
        if (config.Data.Dataset is { } dataset && !Path.IsPathRooted(dataset))
            throw new ArgumentException($"{source}: data.dataset '{dataset}' must be an absolute path on the cluster's nodes (a submitted run has no working folder)");
        if (config.Policy.Lora is not null) throw new ArgumentException($"{source}: policy.lora is not supported by training runs yet");
        config = config with { Store = new StoreSection { Location = options.StoreLocation } };
        config.Validate();
        var manifest = RunManifest.New(time);
        var folder = FolderOf(options.RunsFolder, manifest.Run);
        Directory.CreateDirectory(folder);
        RunConfigFile.Save(config, new RunLayout(folder).Config);
        manifest.Write(new RunLayout(folder).Manifest);
        return (manifest, config, folder);
    }

    /// <summary>The row <c>conrec train</c> creates for the run (the same fields, so that the pipeline's own create finds it equal).</summary>
    public static NewRun Row(RunManifest manifest, RunConfig config) => new(manifest.Run, config.Name, config.ToJson(), config.Seed);

    public static string FolderOf(string runsFolder, RunId run) => Path.Combine(Path.GetFullPath(runsFolder), run.Value);

    /// <summary>The run to work on next: one left Running (a lost node's), else the oldest Pending; null: none.</summary>
    public static async Task<RunId?> NextAsync(IRunStore store, string runsFolder, CancellationToken ct)
    {
        var runs = await store.ListRunsAsync(ct).ConfigureAwait(false);
        var ours = runs.Where(r => IsSubmitted(runsFolder, r.Id)).OrderBy(r => r.CreatedAt).ToList();
        return (ours.FirstOrDefault(r => r.Status == RunStatus.Running) ?? ours.FirstOrDefault(r => r.Status == RunStatus.Pending))?.Id;
    }

    /// <summary>True when the run's folder on the runs volume holds this run's ids.</summary>
    public static bool IsSubmitted(string runsFolder, RunId run)
    {
        var folder = FolderOf(runsFolder, run);
        try
        {
            return TrainingPipeline.Manifest(folder)?.RunId == run.Value;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
