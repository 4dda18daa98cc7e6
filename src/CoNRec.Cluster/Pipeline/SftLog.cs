using CoNRec.Model.Training;
using Serilog;

namespace CoNRec.Cluster.Pipeline;

/// <summary>SFT progress as log events: every step at Debug, every <c>logEvery</c> steps at Information.</summary>
sealed class SftLog(ILogger log, int logEvery) : IProgress<SftStep>
{
    public void Report(SftStep step)
    {
        var level = step.Step % Math.Max(1, logEvery) == 0 ? Serilog.Events.LogEventLevel.Information : Serilog.Events.LogEventLevel.Debug;
        log.Write(level, "SFT step {Step}: loss {Loss:0.0000}, lr {LearningRate:0.0e+0}, grad {GradNorm:0.00}", step.Step, step.Loss, step.LearningRate, step.GradNorm);
    }
}
