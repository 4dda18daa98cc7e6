namespace CoNRec.Core.Protocol;

/// <summary>
/// A data-parallel learner's gradient for one optimizer update of a step is on the data plane: learner
/// <see cref="Rank"/> of <see cref="World"/> tells its peers where (a file and its sha256). <see cref="Update"/> counts
/// the optimizer updates within the step (epoch x minibatches + minibatch). The gradient itself never travels here.
/// </summary>
public sealed record GradientPublished(string RunId, long Step, int Update, int Rank, int World, ArtifactRef Gradient) : IConrecMessage;
