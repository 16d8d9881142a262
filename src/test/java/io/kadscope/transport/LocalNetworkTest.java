package io.kadscope.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.Value;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** 64 real UDP peers on 127.0.0.1 in one JVM: the engine, codec and transport together. */
class LocalNetworkTest {
  private static final int PEERS = 64;
  private static final int KEYS = 200;
  private final UdpNodeFactory factory = new UdpNodeFactory();
  private final List<KademliaNode> nodes = new ArrayList<>();
  private final Random random = new Random(2026);

  @AfterEach
  void stopAll() {
    nodes.forEach(KademliaNode::stop);
    factory.close();
  }

  private KademliaNode start() {
    // A short RPC timeout keeps the test quick once peers are stopped; the policy is the same.
    KademliaNode n =
        factory.create(
            new InetSocketAddress("127.0.0.1", 0), b -> b.rpcTimeout(Duration.ofMillis(500)));
    n.start();
    nodes.add(n);
    return n;
  }

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(60, TimeUnit.SECONDS);
  }

  @Test
  void everyKeyIsReadBackFromOtherPeers_evenAfterAQuarterOfThePeersStop() throws Exception {
    KademliaNode seed = start();
    for (int i = 1; i < PEERS; i++) {
      KademliaNode n = start();
      await(n.bootstrap(List.of(seed.address())));
    }
    int[] setter = new int[KEYS];
    List<CompletableFuture<?>> sets = new ArrayList<>();
    for (int i = 0; i < KEYS; i++) {
      setter[i] = random.nextInt(PEERS);
      sets.add(nodes.get(setter[i]).set("key-" + i, Value.of("v-key-" + i)));
    }
    await(CompletableFuture.allOf(sets.toArray(CompletableFuture[]::new)));

    assertThat(readAll(setter, nodes)).as("keys read back").isEqualTo(KEYS);

    List<KademliaNode> survivors = new ArrayList<>(nodes);
    for (int i = 0; i < PEERS / 4; i++) {
      survivors.remove(random.nextInt(survivors.size())).stop();
    }
    assertThat(survivors).hasSize(PEERS - PEERS / 4);
    assertThat(readAll(null, survivors))
        .as("keys read back after a quarter stopped")
        .isEqualTo(KEYS);
  }

  /** Gets every key from a random peer other than its setter; returns how many came back right. */
  private int readAll(int[] setter, List<KademliaNode> from) throws Exception {
    List<CompletableFuture<Optional<Value>>> gets = new ArrayList<>();
    for (int i = 0; i < KEYS; i++) {
      KademliaNode getter;
      do {
        getter = from.get(random.nextInt(from.size()));
      } while (setter != null && getter == nodes.get(setter[i]));
      gets.add(getter.get("key-" + i));
    }
    int hits = 0;
    for (int i = 0; i < KEYS; i++) {
      if (await(gets.get(i)).equals(Optional.of(Value.of("v-key-" + i)))) {
        hits++;
      }
    }
    return hits;
  }
}
