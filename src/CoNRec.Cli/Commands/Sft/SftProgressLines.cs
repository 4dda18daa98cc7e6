using System.Globalization;
using CoNRec.Model.Training;

namespace CoNRec.Cli.Commands.Sft;

/// <summary>One line per <see cref="SftOptions.LogEvery"/> steps: step, loss, learning rate, gradient norm, throughput.</summary>
sealed class SftProgressLines(CliConsole console, SftOptions options) : IProgress<SftStep>
{
    readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    long _tokensAtLastLine;
    double _secondsAtLastLine;

    public void Report(SftStep step)
    {
        if (step.Step % options.LogEvery != 0 && step.Step != options.Steps) return;
        var seconds = _clock.Elapsed.TotalSeconds;
        var rate = (step.Tokens - _tokensAtLastLine) / Math.Max(1e-9, seconds - _secondsAtLastLine);
        (_tokensAtLastLine, _secondsAtLastLine) = (step.Tokens, seconds);
        console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"step {step.Step,6}/{options.Steps}  loss {step.Loss,8:0.0000}  lr {step.LearningRate:0.0e+0}  grad {step.GradNorm,6:0.00}  {rate,8:N0} tok/s  {seconds,6:0}s"));
    }
}
