namespace CoNRec.Cluster.Pipeline;

/// <summary>
/// A run folder was started with other settings: resuming it with this config would mix two runs. Bad input
/// (the user either restores the settings or picks a new run folder).
/// </summary>
public sealed class RunConfigChangedException(string runFolder, IReadOnlyList<string> changedSettings)
    : ArgumentException($"the run in {runFolder} was started with other settings; changed: {string.Join(", ", changedSettings)} " +
        "(restore them, or train into a new --run-dir)")
{
    public IReadOnlyList<string> ChangedSettings { get; } = changedSettings;
}
