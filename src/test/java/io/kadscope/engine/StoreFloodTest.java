package io.kadscope.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.guard.AddressRateLimiter;
import io.kadscope.engine.guard.Refusal;
import io.kadscope.engine.guard.Refusals;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.RequestHandler;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcException;
import io.kadscope.engine.rpc.RpcPort;
import io.kadscope.testing.LogCapture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * A flood of a million STOREs of distinct keys from one address, straight into a real node's
 * request path on virtual time: memory stays bounded by the quotas, another peer is still served,
 * and the log says what was refused in a handful of lines.
 */
class StoreFloodTest {
  private static final int FLOOD = 1_000_000;
  private static final InetSocketAddress FLOODER = new InetSocketAddress("10.6.6.6", 6666);
  private static final InetSocketAddress HONEST = new InetSocketAddress("10.0.0.7", 7123);

  /** A port that only hands the node's handler to the test, and sends nothing. */
  private static final class HandOver implements RpcPort {
    volatile RequestHandler handler;

    @Override
    public InetSocketAddress localAddress() {
      return new InetSocketAddress("10.0.0.1", 7123);
    }

    @Override
    public CompletableFuture<Response> send(InetSocketAddress to, Request r, Duration timeout) {
      return CompletableFuture.failedFuture(new RpcException("this test sends nothing"));
    }

    @Override
    public void serve(RequestHandler handler) {
      this.handler = handler;
    }

    @Override
    public void close() {}
  }

  @Test
  void aMillionDistinctKeysFromOneAddress_leaveMemoryBounded_andAnotherPeerServed() {
    VirtualScheduler time = new VirtualScheduler();
    HandOver port = new HandOver();
    Map<Class<?>, LongAdder> events = new ConcurrentHashMap<>();
    KademliaNode node =
        KademliaNode.builder()
            .rpcPort(port)
            .scheduler(time)
            .clock(time.clock())
            .random(new Random(1))
            .maxKeys(20_000)
            .maxStoreBytes(1 << 20)
            .listener(e -> events.computeIfAbsent(e.getClass(), c -> new LongAdder()).increment())
            .build();
    node.start();
    Random random = new Random(42);
    byte[] key = new byte[NodeId.BYTES];
    byte[] sender = new byte[NodeId.BYTES];
    Value value = Value.of("x".repeat(100));
    int answeredTrue = 0;

    try (LogCapture logs = LogCapture.of(Refusals.class)) {
      // A million stores over one virtual hour: 278 a second, above the request rate (250/s) and
      // far above the store rate (100/s), so both limits and then the quotas are met.
      for (int i = 0; i < FLOOD; i++) {
        random.nextBytes(key);
        random.nextBytes(sender);
        Response r =
            port.handler.handle(
                FLOODER, new Request.Store(NodeId.of(sender), NodeId.of(key), value));
        if (r instanceof Response.StoreReply s && s.stored()) {
          answeredTrue++;
        }
        if (i % 278 == 0) {
          time.advance(Duration.ofSeconds(1));
        }
      }

      Refusals.Counts refused = node.refusals();
      assertThat(refused.of(Refusal.REQUEST_RATE)).isGreaterThan(50_000);
      assertThat(refused.of(Refusal.STORE_RATE)).isGreaterThan(500_000);
      assertThat(refused.of(Refusal.STORE_KEYS) + refused.of(Refusal.STORE_BYTES))
          .isGreaterThan(100_000);
      assertThat(node.storeSnapshot().size()).isLessThanOrEqualTo(20_000);
      assertThat(
              node.storeSnapshot().values().stream()
                  .mapToLong(v -> v.value().encodedSizeBound())
                  .sum())
          .isLessThanOrEqualTo(1 << 20);
      assertThat(answeredTrue).isGreaterThan(node.storeSnapshot().size());
      assertThat(node.routingSnapshot().size())
          .as("a million sender ids from one address hold a few places in the table")
          .isLessThanOrEqualTo(2 * NodeId.BITS);
      assertThat(logs.lines())
          .as("one line a minute per kind of refusal, at most")
          .hasSizeLessThanOrEqualTo(5 * 62)
          .anyMatch(l -> l.startsWith("WARN node ") && l.contains("refused a store over the"))
          .anyMatch(l -> l.contains("more since the last such line"));
    }

    // Another peer is served as if nothing had happened: its store of a key near the node is
    // taken, its lookup answered, its ping answered.
    NodeId honest = NodeId.ofKey("honest peer");
    NodeId nearKey = nearTo(node.id());
    Response stored =
        port.handler.handle(HONEST, new Request.Store(honest, nearKey, Value.of("mine")));
    Response found = port.handler.handle(HONEST, new Request.FindValue(honest, nearKey));
    Response pong = port.handler.handle(HONEST, new Request.Ping(honest));

    assertThat(stored).isEqualTo(new Response.StoreReply(true));
    assertThat(found).isEqualTo(new Response.FoundValue(Value.of("mine")));
    assertThat(pong).isEqualTo(new Response.PingReply(node.id()));
    assertThat(AddressRateLimiter.MAX_TRACKED).isGreaterThan(2);
    node.stop();
  }

  /** An id that differs from {@code id} in its last bit only: nearer it than any random key. */
  private static NodeId nearTo(NodeId id) {
    byte[] b = id.toBytes();
    b[NodeId.BYTES - 1] ^= 1;
    return NodeId.of(b);
  }
}
