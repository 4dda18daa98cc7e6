namespace CoNRec.Model.Grpo;

/// <summary>Monitoring numbers of one GRPO loss evaluation (verl's actor metrics).</summary>
/// <param name="PgLoss">The aggregated PPO-clipped term alone (sample weights applied, no KL).</param>
/// <param name="Kl">Mean k3 KL to the reference over completion tokens (unweighted); NaN without a reference.</param>
/// <param name="ClipFrac">Share of completion tokens where the clipped branch is active.</param>
/// <param name="RatioMean">Mean of pi_theta / pi_old over completion tokens.</param>
/// <param name="RatioMax">Largest ratio over completion tokens.</param>
/// <param name="Entropy">Mean policy entropy over completion tokens, when the caller supplied it.</param>
public sealed record GrpoLossMetrics(double PgLoss, double Kl, double ClipFrac, double RatioMean, double RatioMax, double? Entropy);

/// <summary>The differentiable scalar loss (owned by the caller's dispose scope) and its metrics.</summary>
public sealed record GrpoLossResult(TorchSharp.torch.Tensor Loss, GrpoLossMetrics Metrics);
