using Akka.Actor;
using CoNRec.Cluster.Devices;
using CoNRec.Cluster.Hocon;

namespace CoNRec.Cluster.Tests.Devices;

public sealed class DeviceThreadTests() : Akka.TestKit.Xunit2.TestKit(ConrecHocon.Load("serialization", "testing"))
{
    [Fact]
    public async Task Work_runs_on_the_device_thread_in_the_order_it_was_queued()
    {
        using var device = new DeviceThread("test-device");
        var order = new List<int>();

        var threads = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => device.Run(() =>
        {
            order.Add(i);
            return Environment.CurrentManagedThreadId;
        })));

        Assert.All(threads, id => Assert.Equal(device.ManagedThreadId, id));
        Assert.Equal([0, 1, 2, 3, 4], order);
    }

    [Fact]
    public async Task An_exception_in_the_work_faults_its_task_and_the_thread_goes_on()
    {
        using var device = new DeviceThread("test-device");

        var failed = device.Run<int>(() => throw new InvalidDataException("bad weights"));
        var next = device.Run(() => 42);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => failed);
        Assert.Equal("bad weights", error.Message);
        Assert.Equal(42, await next);
    }

    [Fact]
    public async Task Work_cancelled_before_it_starts_is_skipped()
    {
        using var device = new DeviceThread("test-device");
        using var gate = new ManualResetEventSlim();
        using var cancel = new CancellationTokenSource();
        var ran = false;

        var blocker = device.Run(() => gate.Wait(TimeSpan.FromSeconds(10)));
        var skipped = device.Run(() => ran = true, cancel.Token);
        await cancel.CancelAsync();
        gate.Set();

        await blocker;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => skipped);
        Assert.False(ran);
    }

    [Fact]
    public void A_disposed_device_thread_refuses_work()
    {
        var device = new DeviceThread("test-device");
        device.Dispose();

        Assert.Throws<ObjectDisposedException>(() => { _ = device.Run(() => 1); });
    }

    [Fact]
    public void An_actor_receives_the_piped_result_and_the_work_ran_off_the_dispatcher()
    {
        using var device = new DeviceThread("test-device");
        var actor = Sys.ActorOf(Props.Create(() => new Offloader(device, TestActor)));

        actor.Tell("go");

        var result = ExpectMsg<Offloaded>();
        Assert.Equal(device.ManagedThreadId, result.WorkThread);
        Assert.NotEqual(result.WorkThread, result.ActorThread);
    }

    [Fact]
    public void An_exception_reaches_the_actor_as_a_failure_message()
    {
        using var device = new DeviceThread("test-device");
        var actor = Sys.ActorOf(Props.Create(() => new Offloader(device, TestActor)));

        actor.Tell("fail");

        var failure = ExpectMsg<OffloadFailed>();
        Assert.IsType<InvalidOperationException>(failure.Error);
    }

    sealed record Offloaded(int WorkThread, int ActorThread) : INoSerializationVerificationNeeded;

    // Local completion records carry an exception, which no serializer should see.
    sealed record OffloadFailed(Exception Error) : INoSerializationVerificationNeeded;

    sealed class Offloader : ReceiveActor
    {
        public Offloader(DeviceThread device, IActorRef reportTo)
        {
            Receive<string>(command =>
            {
                var actorThread = Environment.CurrentManagedThreadId;
                device.Run(() => command == "fail" ? throw new InvalidOperationException("boom") : Environment.CurrentManagedThreadId)
                    .PipeTo(reportTo, success: id => new Offloaded(id, actorThread), failure: e => new OffloadFailed(e));
            });
        }
    }
}
