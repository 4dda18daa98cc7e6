using System.Runtime.Serialization;
using Akka.Serialization;
using CoNRec.Cluster.Hocon;
using CoNRec.Cluster.Serialization;
using CoNRec.Core.Protocol;
using MessagePack;

namespace CoNRec.Cluster.Tests.Serialization;

public sealed class ConrecMessageSerializerTests() : Akka.TestKit.Xunit2.TestKit(ConrecHocon.Load("serialization"))
{
    [Theory]
    [MemberData(nameof(MessageShapes.MessageTypes), MemberType = typeof(MessageShapes))]
    public void Every_message_survives_a_round_trip_through_the_serializer_the_system_picks(Type type)
    {
        var message = MessageShapes.Sample(type);

        var serializer = Sys.Serialization.FindSerializerFor(message);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        var bytes = serializer.ToBinary(message);
        var back = Sys.Serialization.Deserialize(bytes, serializer.Identifier, manifest);

        Assert.IsType<ConrecMessageSerializer>(serializer);
        Assert.Equal(ConrecMessageSerializer.SerializerId, serializer.Identifier);
        Assert.IsType(type, back);
        Assert.NotSame(message, back);
        Assert.Equal(MessageShapes.Dump(message), MessageShapes.Dump(back));
    }

    [Fact]
    public void Every_message_type_has_exactly_one_manifest_and_the_table_holds_nothing_else()
    {
        var tableTypes = ConrecManifests.Entries.Select(e => e.Type).ToHashSet();

        var missing = MessageShapes.AllMessageTypes.Where(t => !tableTypes.Contains(t)).Select(t => t.Name).ToList();

        Assert.True(missing.Count == 0, $"No manifest in ConrecManifests for: {string.Join(", ", missing)}");
        Assert.Equal(MessageShapes.AllMessageTypes.Count, ConrecManifests.Entries.Count);
        Assert.Equal(ConrecManifests.Entries.Count, ConrecManifests.Entries.Select(e => e.Manifest).Distinct().Count());
    }

    [Fact]
    public void Manifests_are_short_names_from_the_table_not_type_names()
    {
        var serializer = Serializer();

        Assert.Equal("rl", serializer.Manifest(MessageShapes.Sample(typeof(RolloutLease))));
        Assert.Equal("rd", serializer.Manifest(MessageShapes.Sample(typeof(RolloutDone))));
        Assert.All(ConrecManifests.Entries, e => Assert.InRange(e.Manifest.Length, 1, 3));
    }

    [Fact]
    public void An_unknown_manifest_is_an_error_that_names_it()
    {
        var serializer = Serializer();

        var error = Assert.Throws<SerializationException>(() => serializer.FromBinary([0x80], "zz"));

        Assert.Contains("'zz'", error.Message);
    }

    [Fact]
    public void Bytes_of_the_wrong_shape_are_an_error_that_names_the_manifest()
    {
        var serializer = Serializer();

        var error = Assert.Throws<SerializationException>(() => serializer.FromBinary([0xc1], "rw"));

        Assert.Contains("'rw'", error.Message);
        Assert.Contains(nameof(RolloutWanted), error.Message);
    }

    [Fact]
    public void A_message_type_outside_the_table_cannot_be_written()
    {
        var error = Assert.Throws<SerializationException>(() => Serializer().ToBinary(new UnlistedMessage(1)));

        Assert.Contains(nameof(UnlistedMessage), error.Message);
    }

    [Fact]
    public void Messages_are_maps_keyed_by_property_name()
    {
        var bytes = Serializer().ToBinary(new RolloutWanted("w1", 7));

        Assert.Equal("""{"WorkerId":"w1","LoadedPolicyVersion":7}""", MessagePackSerializer.ConvertToJson(bytes));
    }

    [Fact]
    public void A_reader_ignores_properties_added_by_a_newer_writer()
    {
        var newer = MessagePackSerializer.Serialize(new RolloutWantedWithMore("w1", 7, "later", [1.5, 2.5]), ConrecMessagePack.Options);

        var read = Serializer().FromBinary(newer, "rw");

        Assert.Equal(new RolloutWanted("w1", 7), read);
    }

    [Fact]
    public void A_property_missing_from_an_older_writer_reads_as_its_default()
    {
        var older = MessagePackSerializer.Serialize(new RolloutWantedWithLess("w1"), ConrecMessagePack.Options);

        var read = Serializer().FromBinary(older, "rw");

        Assert.Equal(new RolloutWanted("w1", 0), read);
    }

    SerializerWithStringManifest Serializer() =>
        (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(RolloutWanted));

    public sealed record UnlistedMessage(int Value) : IConrecMessage;

    public sealed record RolloutWantedWithMore(string WorkerId, long LoadedPolicyVersion, string Extra, double[] Values);

    public sealed record RolloutWantedWithLess(string WorkerId);
}
