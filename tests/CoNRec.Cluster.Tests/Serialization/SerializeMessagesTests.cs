using Akka.Actor;
using CoNRec.Cluster.Hocon;

namespace CoNRec.Cluster.Tests.Serialization;

/// <summary>With the test profile every local Tell is serialized and read back, as it would be between nodes.</summary>
public sealed class SerializeMessagesTests() : Akka.TestKit.Xunit2.TestKit(ConrecHocon.Load("serialization", "testing"))
{
    [Fact]
    public void The_test_profile_turns_on_message_serialization()
    {
        Assert.True(Sys.Settings.SerializeAllMessages);
    }

    [Theory]
    [MemberData(nameof(MessageShapes.MessageTypes), MemberType = typeof(MessageShapes))]
    public void Every_message_comes_back_equal_from_an_echo_actor(Type type)
    {
        var message = MessageShapes.Sample(type);
        var echo = Sys.ActorOf(Props.Create(() => new Echo()), "echo");
        var probe = CreateTestProbe();

        echo.Tell(message, probe.Ref);
        var reply = probe.ExpectMsg<object>();

        Assert.IsType(type, reply);
        Assert.NotSame(message, reply);
        Assert.Equal(MessageShapes.Dump(message), MessageShapes.Dump(reply));
    }

    sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(message => Sender.Tell(message));
    }
}
