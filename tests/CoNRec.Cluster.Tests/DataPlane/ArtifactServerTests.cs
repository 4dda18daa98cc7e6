using System.Net;
using System.Net.Http.Headers;
using CoNRec.Cluster.DataPlane;

namespace CoNRec.Cluster.Tests.DataPlane;

public sealed class ArtifactServerTests
{
    [Fact]
    public async Task Server_on_port_zero_reports_the_bound_port_and_serves_a_file_with_its_length()
    {
        await using var plane = await LoopbackDataPlane.StartAsync();
        var bytes = LoopbackDataPlane.RandomBytes(300_000, seed: 1);
        plane.Write("policies/v1.safetensors", bytes);
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(plane.Server.BaseUri, "policies/v1.safetensors"));

        Assert.NotEqual(0, plane.Server.BaseUri.Port);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Server_answers_a_byte_range_with_just_those_bytes()
    {
        await using var plane = await LoopbackDataPlane.StartAsync();
        var bytes = LoopbackDataPlane.RandomBytes(10_000, seed: 2);
        plane.Write("weights.bin", bytes);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(plane.Server.BaseUri, "weights.bin"));
        request.Headers.Range = new RangeHeaderValue(1000, 1999);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(bytes[1000..2000], await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/../outside/secret.txt")]
    [InlineData("/%2e%2e/outside/secret.txt")]
    [InlineData("/..%2Foutside%2Fsecret.txt")]
    [InlineData("/a/../../outside/secret.txt")]
    [InlineData("/..\\outside\\secret.txt")]
    [InlineData("/.partial/secret.txt")]
    public async Task Server_refuses_paths_that_leave_the_root_or_name_hidden_entries(string target)
    {
        await using var plane = await LoopbackDataPlane.StartAsync();
        await File.WriteAllTextAsync(Path.Combine(plane.Outside, "secret.txt"), "outside-the-root");
        plane.Write(".partial/secret.txt", "outside-the-root"u8.ToArray());

        var (status, response) = await plane.RawGetAsync(target);

        Assert.Contains(status, new[] { 400, 404 });
        Assert.DoesNotContain("outside-the-root", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_is_read_only()
    {
        await using var plane = await LoopbackDataPlane.StartAsync();
        plane.Write("weights.bin", [1, 2, 3]);
        using var http = new HttpClient();

        using var response = await http.PutAsync(new Uri(plane.Server.BaseUri, "weights.bin"), new ByteArrayContent([9]));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(Path.Combine(plane.Root, "weights.bin")));
    }

    [Fact]
    public async Task Server_answers_404_for_a_missing_file_and_for_the_root_itself()
    {
        await using var plane = await LoopbackDataPlane.StartAsync();
        using var http = new HttpClient();

        using var missing = await http.GetAsync(new Uri(plane.Server.BaseUri, "policies/v9.safetensors"));
        var (rootStatus, _) = await plane.RawGetAsync("/");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains(rootStatus, new[] { 400, 404 });
    }

    [Theory]
    [InlineData("", "127.0.0.1", 0, null, "dataPlane.root")]
    [InlineData("r", "127.0.0.1", 70000, null, "dataPlane.port")]
    [InlineData("r", "node-a.local", 0, null, "dataPlane.bindHost")]
    [InlineData("r", "0.0.0.0", 0, null, "dataPlane.advertisedHost")]
    [InlineData("r", "127.0.0.1", 0, "not a host", "dataPlane.advertisedHost")]
    public void Server_options_name_the_setting_they_refuse(string root, string bindHost, int port, string? advertised, string setting)
    {
        var options = new ArtifactServerOptions { Root = root, BindHost = bindHost, Port = port, AdvertisedHost = advertised };

        var error = Assert.Throws<ArgumentException>(() => options.Validate());

        Assert.StartsWith(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Server_bound_to_every_interface_advertises_the_configured_host()
    {
        var options = new ArtifactServerOptions { Root = "r", BindHost = "0.0.0.0", AdvertisedHost = "learner-0.conrec" }.Validate();

        Assert.Equal("learner-0.conrec", options.EffectiveAdvertisedHost);
    }
}
