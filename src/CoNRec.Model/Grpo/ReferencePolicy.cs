using CoNRec.Model.Evaluation;
using CoNRec.Model.Policy;

namespace CoNRec.Model.Grpo;

/// <summary>
/// The frozen warm-up model that GRPO's KL term measures against: a separate <see cref="PolicyModel"/> (never the
/// policy itself), in eval mode, with no parameter requiring a gradient, so no optimizer can ever include it.
/// </summary>
public static class ReferencePolicy
{
    /// <summary>Freezes the model in place and returns it.</summary>
    public static PolicyModel Freeze(PolicyModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var parameter in model.parameters()) parameter.requires_grad = false;
        model.eval();
        return model;
    }

    /// <summary>
    /// Loads the policy of a bundle (the warm-up SFT's <c>OUT/model</c>) as a frozen reference; the caller owns
    /// and disposes it. <paramref name="configure"/> sets device and dtype, as for the policy.
    /// </summary>
    public static PolicyModel Load(string bundleFolder, Func<PolicyConfig, PolicyConfig>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(bundleFolder);
        // A bundle's Dispose disposes its model: the model is handed on instead.
        var bundle = PolicyBundle.Load(bundleFolder, configure);
        return Freeze(bundle.Model);
    }

    /// <summary>True when every parameter is frozen and the module is in eval mode.</summary>
    public static bool IsFrozen(PolicyModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return !model.training && model.parameters().All(p => !p.requires_grad);
    }
}
