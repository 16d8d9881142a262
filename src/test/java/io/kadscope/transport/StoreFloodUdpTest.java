package io.kadscope.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import io.kadscope.engine.guard.Limits;
import io.kadscope.engine.guard.Refusal;
import io.kadscope.engine.guard.Refusals;
import io.kadscope.engine.rpc.Request;
import io.kadscope.testing.LogCapture;
import io.kadscope.wire.MessageId;
import io.kadscope.wire.WireCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 200,000 STOREs of distinct keys from one address (127.0.0.2) at a real node on UDP, with loopback
 * not exempt: the node takes them at its store rate, answers at its request rate, keeps serving
 * another peer (127.0.0.3) throughout, and logs the refusals in a few lines. (The million-key flood
 * of {@code engine.StoreFloodTest} runs the same request path on virtual time, quotas included.)
 */
class StoreFloodUdpTest {
  private static final int FLOOD = 200_000;
  private static final int BATCH = 64;

  @Test
  void aStoreFloodFromOneAddress_isTakenAtItsRate_andAnotherPeerIsServed() throws Exception {
    Limits limits = Limits.DEFAULT.withLoopbackExempt(false);
    InetAddress victimIp = InetAddress.getByName("127.0.0.1");
    try (UdpNodeFactory factory = new UdpNodeFactory();
        KademliaNode victim =
            factory.create(new InetSocketAddress(victimIp, 0), b -> b.limits(limits));
        KademliaNode honest =
            factory.create(
                new InetSocketAddress(InetAddress.getByName("127.0.0.3"), 0),
                b -> b.rpcTimeout(Duration.ofMillis(500)));
        RawPeer flooder = new RawPeer(InetAddress.getByName("127.0.0.2"));
        LogCapture logs = LogCapture.of(Refusals.class)) {
      victim.start();
      honest.start();
      honest.bootstrap(List.of(victim.address())).get(5, TimeUnit.SECONDS);
      WireCodec codec = new WireCodec();
      Random random = new Random(99);
      byte[] key = new byte[NodeId.BYTES];
      byte[] id = new byte[MessageId.BYTES];
      NodeId sender = NodeId.random(random);
      Value value = Value.of("flood");
      long base = victim.rpcStats().received();
      long started = System.nanoTime();
      int checks = 0;

      for (int i = 1; i <= FLOOD; i++) {
        random.nextBytes(key);
        random.nextBytes(id);
        flooder.send(
            RawPeer.bytes(
                codec.encodeRequest(
                    MessageId.of(id), new Request.Store(sender, NodeId.of(key), value))),
            victim.address());
        if (i % BATCH == 0) {
          awaitHandled(victim, base + i + checks);
        }
        if (i % 50_000 == 0) {
          // Another peer, meanwhile: its set and get go through as ever.
          String k = "honest-" + i;
          assertThat(honest.set(k, Value.of("v" + i)).get(5, TimeUnit.SECONDS).storedOn())
              .extracting(c -> c.id())
              .containsExactly(victim.id());
          assertThat(victim.localValue(NodeId.ofKey(k))).contains(Value.of("v" + i));
          honest.clearLocalStore();
          assertThat(honest.get(k).get(5, TimeUnit.SECONDS)).contains(Value.of("v" + i));
          checks = (int) (victim.rpcStats().received() - base - i);
        }
      }
      awaitHandled(victim, base + FLOOD + checks);

      double seconds = (System.nanoTime() - started) / 1e9 + 1;
      assertThat(victim.storeSnapshot().size())
          .as("a burst, then the store rate, plus the honest peer's")
          .isLessThanOrEqualTo(
              (int) (limits.storeBurst() + limits.storesPerSecond() * seconds) + 4);
      assertThat(victim.refusals().of(Refusal.REQUEST_RATE)).isGreaterThan(FLOOD / 2);
      assertThat(victim.refusals().of(Refusal.STORE_RATE)).isGreaterThan(0);
      assertThat(victim.routingSnapshot().size())
          .as("the honest peer, and the flooder's one id until its check ping times out")
          .isLessThanOrEqualTo(2);
      assertThat(logs.lines())
          .as("a few lines, not a million")
          .hasSizeLessThan(20)
          .anyMatch(l -> l.contains("refused a request over the per-address rate from 127.0.0.2:"));
    }
  }

  /** Waits, at most 10 s, until the node's port has taken in {@code count} datagrams. */
  private static void awaitHandled(KademliaNode node, long count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (node.rpcStats().received() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the node took in " + node.rpcStats().received() + " datagrams, " + count + " sent");
      }
      Thread.onSpinWait();
    }
  }
}
