namespace CoNRec.Cli.Tests.Commands.Model;

/// <summary>
/// The small synthetic world, its SID folder (a tiny RQ-VAE: 3 levels x 16 codes) and one tiny policy trained for
/// <see cref="Steps"/> steps, built once and shared by every test of the model commands. Tests must not change them.
/// </summary>
public sealed class TrainedPolicyFixture : IAsyncLifetime
{
    public const int Steps = 6;

    /// <summary>A tiny RQ-VAE that trains in about a second on the small world.</summary>
    public const string TinyRqVae = """{ "levels": 3, "codebookSize": 16, "latentDim": 8, "hiddenDims": [32, 16], "epochs": 20, "batchSize": 64 }""";

    readonly TempFolder _temp = new();

    public string DataPath => _temp.PathOf("world.conrec");
    public string RqVaeConfig => _temp.PathOf("rq-vae.json");
    public string SidFolder => _temp.PathOf("sid");

    /// <summary>The run folder of the shared policy (checkpoints/ and model/); its table row reads "sft-tiny".</summary>
    public string RunFolder => _temp.PathOf("sft-tiny");
    public string BundleFolder => Path.Combine(RunFolder, "model");

    internal RunResult SidBuild { get; private set; } = null!;
    internal RunResult Sft { get; private set; } = null!;

    /// <summary>The arguments of a tiny new-policy SFT run on the shared world and SIDs, writing to <paramref name="output"/>.</summary>
    public string[] TinySft(string output, int steps, params string[] extra) =>
        ["sft", "--data", DataPath, "--sid", SidFolder, "--out", output, "--model", "tiny", "--steps", $"{steps}", "--batch-size", "8", .. extra];

    public async Task InitializeAsync()
    {
        // Tiny models run fastest on one thread; on a shared two-core machine libtorch's default pool oversubscribes
        // the cores (a tiny eval took 14 s instead of 0.7 s).
        TorchSharp.torch.set_num_threads(1);
        await Conrec.RunOkAsync(["data", "synth", "--out", DataPath, .. SyntheticWorldFixture.SmallWorld]);
        _temp.Write("rq-vae.json", TinyRqVae);
        SidBuild = await Conrec.RunOkAsync("sid", "build", "--data", DataPath, "--out", SidFolder, "--config", RqVaeConfig);
        Sft = await Conrec.RunOkAsync(TinySft(RunFolder, Steps));
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The model-command tests share one trained policy and run one after another (one model per thread, two cores).</summary>
[CollectionDefinition(Name)]
public sealed class ModelCommandsCollection : ICollectionFixture<TrainedPolicyFixture>
{
    public const string Name = "model commands";
}
