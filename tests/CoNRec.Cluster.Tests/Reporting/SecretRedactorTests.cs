using CoNRec.Cluster.Reporting;

namespace CoNRec.Cluster.Tests.Reporting;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("password", true)]
    [InlineData("Password", true)]
    [InlineData("db_password", true)]
    [InlineData("apiKey", true)]
    [InlineData("API-KEY", true)]
    [InlineData("clientSecret", true)]
    [InlineData("token", true)]
    [InlineData("hfToken", true)]
    [InlineData("access_token", true)]
    [InlineData("maxTokens", false)]
    [InlineData("max_new_tokens", false)]
    [InlineData("tokenizer", false)]
    [InlineData("pad_token", false)]
    [InlineData("beta", false)]
    public void Secret_keys_are_recognised_by_name(string key, bool secret) =>
        Assert.Equal(secret, SecretRedactor.IsSecretKey(key));

    [Fact]
    public void Json_secrets_are_masked_at_any_depth_and_other_settings_kept()
    {
        const string json = """
            {
              "store": "postgres://conrec:pa55@db:5432/runs?sslmode=require",
              "workers": [ { "name": "w1", "token": "tok-1" }, "Host=db;Username=u;Password=pw-2;Database=runs" ],
              "secrets": { "nested": "deep-3" },
              "apiKey": 12345,
              "maxTokens": 512
            }
            """;

        var redacted = SecretRedactor.RedactJson(json);

        foreach (var secret in new[] { "pa55", "tok-1", "pw-2", "deep-3", "12345" })
            Assert.DoesNotContain(secret, redacted);
        Assert.Contains("postgres://conrec:***@db:5432/runs?sslmode=require", redacted);
        Assert.Contains("Host=db;Username=u;Password=***;Database=runs", redacted);
        Assert.Contains("\"maxTokens\": 512", redacted);
        Assert.Contains("\"name\": \"w1\"", redacted);
    }

    [Fact]
    public void Text_that_is_not_json_still_has_its_secrets_masked()
    {
        const string broken = """{ "password": "hunter2", "url": "postgres://u:pa55@db/x", "beta": 0.1 """;

        var redacted = SecretRedactor.RedactJson(broken);

        Assert.DoesNotContain("hunter2", redacted);
        Assert.DoesNotContain("pa55", redacted);
        Assert.Contains("postgres://u:***@db/x", redacted);
        Assert.Contains("\"beta\": 0.1", redacted);
    }

    [Fact]
    public void A_url_without_a_password_is_left_alone() =>
        Assert.Equal("postgres://conrec@db:5432/runs", SecretRedactor.RedactText("postgres://conrec@db:5432/runs"));
}
