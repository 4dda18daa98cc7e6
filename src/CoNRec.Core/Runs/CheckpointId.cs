using System.Globalization;

namespace CoNRec.Core.Runs;

/// <summary>
/// A checkpoint's identity. <see cref="For"/> derives it from (run, step), so a commit retried after a lost
/// acknowledgement names the same row and cannot create a second one.
/// </summary>
public readonly record struct CheckpointId(string Value)
{
    public static CheckpointId For(RunId run, long step) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{run.Value}/step-{step:D8}"));

    public override string ToString() => Value ?? "";
}
