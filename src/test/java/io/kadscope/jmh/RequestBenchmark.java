package io.kadscope.jmh;

import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Scheduler;
import io.kadscope.engine.guard.Limits;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.RequestHandler;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcPort;
import io.kadscope.wire.Datagram;
import io.kadscope.wire.MessageId;
import io.kadscope.wire.WireCodec;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One find_node request handled as the UDP port handles it, without the socket: the datagram
 * decoded, answered by a node holding 30 contacts, the answer encoded. Run with {@code -prof gc}
 * for the bytes allocated per request handled ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RequestBenchmark {
  private final WireCodec codec = new WireCodec();
  private final Map<InetSocketAddress, NodeId> peers = new HashMap<>();
  private RequestHandler handler;
  private byte[] datagram;
  private InetSocketAddress asker;

  /** A port that answers the node's own pings at once, and hands over the request handler. */
  private final class LoopPort implements RpcPort {
    @Override
    public InetSocketAddress localAddress() {
      return new InetSocketAddress("10.0.0.1", 7123);
    }

    @Override
    public CompletableFuture<Response> send(
        InetSocketAddress to, Request request, Duration timeout) {
      NodeId id = peers.get(to);
      return id == null
          ? new CompletableFuture<>()
          : CompletableFuture.completedFuture(new Response.PingReply(id));
    }

    @Override
    public void serve(RequestHandler h) {
      handler = h;
    }

    @Override
    public void close() {}
  }

  /** Runs what is due now at once; timers never fire within a benchmark. */
  private static final class Inline implements Scheduler {
    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
      if (delay.isZero()) {
        task.run();
      }
      return () -> {};
    }

    @Override
    public Cancellable scheduleEvery(Duration period, Runnable task) {
      return () -> {};
    }

    @Override
    public void execute(Runnable task) {
      task.run();
    }
  }

  @Setup
  public void setUp() {
    Random r = new Random(3);
    KademliaNode node =
        KademliaNode.builder()
            .rpcPort(new LoopPort())
            .scheduler(new Inline())
            .random(r)
            // One asker, millions of requests a second: no rate limit, or most are refused.
            .limits(Limits.NONE)
            .build();
    node.start();
    for (int i = 0; i < 30; i++) {
      NodeId id = NodeId.random(r);
      InetSocketAddress a = new InetSocketAddress("10.0.1." + (i + 1), 7123);
      peers.put(a, id);
      handler.handle(a, new Request.Ping(id)); // verified by the node's ping, then kept
    }
    if (node.routingSnapshot().size() != 30) {
      throw new IllegalStateException(
          "expected 30 contacts, found " + node.routingSnapshot().size());
    }
    asker = peers.keySet().iterator().next();
    byte[] idBytes = new byte[MessageId.BYTES];
    r.nextBytes(idBytes);
    ByteBuffer b =
        codec.encodeRequest(
            MessageId.of(idBytes), new Request.FindNode(peers.get(asker), NodeId.random(r)));
    datagram = new byte[b.remaining()];
    b.get(datagram);
  }

  @Benchmark
  public ByteBuffer findNodeHandled() {
    Datagram.OfRequest q = (Datagram.OfRequest) codec.decode(datagram);
    Response answer = handler.handle(asker, q.request());
    return codec.encodeResponse(q.id(), answer);
  }
}
