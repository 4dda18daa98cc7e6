using CoNRec.Core.Protocol;
using Xunit.Abstractions;

namespace CoNRec.Cluster.Tests.Serialization;

/// <summary>The round-trip tests are only as strong as their samples: every member must carry a value.</summary>
public sealed class SampleBuilderTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(MessageShapes.MessageTypes), MemberType = typeof(MessageShapes))]
    public void Samples_give_every_property_a_value_that_is_not_its_default(Type type)
    {
        var sample = MessageShapes.Sample(type);
        output.WriteLine(MessageShapes.Dump(sample));

        foreach (var property in type.GetProperties())
        {
            var value = property.GetValue(sample);
            Assert.NotNull(value);
            Assert.NotEqual(property.PropertyType.IsValueType ? Activator.CreateInstance(property.PropertyType) : null, value);
            if (value is System.Collections.IEnumerable and not string)
                Assert.NotEmpty((System.Collections.IEnumerable)value);
        }
    }

    [Fact]
    public void Samples_are_the_same_every_time_and_nested_values_differ()
    {
        var lease = (RolloutLease)MessageShapes.Sample(typeof(RolloutLease));

        Assert.Equal(MessageShapes.Dump(lease), MessageShapes.Dump(MessageShapes.Sample(typeof(RolloutLease))));
        Assert.Equal(3, lease.Anchors.Length);
        Assert.NotEqual(lease.Anchors[0], lease.Anchors[1]);
        Assert.NotEqual(lease.Anchors[0].ContextStart, lease.Anchors[0].ContextEnd);
    }
}
