using CoNRec.Cluster.Hocon;

namespace CoNRec.Cluster.Tests.Hocon;

public sealed class ConrecHoconTests
{
    [Fact]
    public void The_repository_hocon_files_are_embedded()
    {
        Assert.Contains("serialization", ConrecHocon.Names);
        Assert.Contains("testing", ConrecHocon.Names);
    }

    [Fact]
    public void Logging_names_a_stdout_logger_class_that_loads()
    {
        var config = ConrecHocon.Load("logging");

        Assert.Equal(typeof(Cluster.Hosting.AkkaStdoutLogger), Type.GetType(config.GetString("akka.stdout-logger-class")));
    }

    [Fact]
    public void Serialization_binds_the_message_marker_to_the_conrec_serializer()
    {
        var config = ConrecHocon.Load("serialization");

        Assert.Equal(
            "CoNRec.Cluster.Serialization.ConrecMessageSerializer, CoNRec.Cluster",
            config.GetString("akka.actor.serializers.conrec"));
        Assert.Equal("conrec", config.GetConfig("akka.actor.serialization-bindings").GetString("\"CoNRec.Core.Protocol.IConrecMessage, CoNRec.Core\""));
    }

    [Fact]
    public void Layered_files_keep_the_settings_of_each()
    {
        var config = ConrecHocon.Load("serialization", "testing");

        Assert.True(config.GetBoolean("akka.actor.serialize-messages"));
        Assert.Equal("WARNING", config.GetString("akka.loglevel"));
        Assert.Equal("CoNRec.Cluster.Serialization.ConrecMessageSerializer, CoNRec.Cluster", config.GetString("akka.actor.serializers.conrec"));
    }

    [Fact]
    public void An_unknown_name_is_an_error_that_lists_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => ConrecHocon.Load("serialisation"));

        Assert.Contains("'serialisation'", error.Message);
        Assert.Contains("testing", error.Message);
    }
}
