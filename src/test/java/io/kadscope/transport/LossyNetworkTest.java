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

/**
 * Real UDP on 127.0.0.1 with 30 % of the datagrams dropped on arrival at every port (requests and
 * answers alike), as on the simulated network: retransmissions still bring nearly every value back.
 */
class LossyNetworkTest {
  private static final int PEERS = 16;
  private static final int KEYS = 100;
  private static final int IN_FLIGHT = 25;
  private final UdpNodeFactory factory = new UdpNodeFactory().loseInbound(0.3, 42);
  private final List<KademliaNode> nodes = new ArrayList<>();
  private final Random random = new Random(7);

  @AfterEach
  void stopAll() {
    nodes.forEach(KademliaNode::stop);
    factory.close();
  }

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(60, TimeUnit.SECONDS);
  }

  @Test
  void atThirtyPercentLoss_atLeast99PercentOfGetsFindTheirValue() throws Exception {
    for (int i = 0; i < PEERS; i++) {
      // 2 s still holds all six copies of a request (the last leaves after 1.55 s) and keeps the
      // test quick where every copy is lost
      KademliaNode n =
          factory.create(
              new InetSocketAddress("127.0.0.1", 0), b -> b.rpcTimeout(Duration.ofSeconds(2)));
      n.start();
      if (!nodes.isEmpty()) {
        for (int attempt = 0; attempt < 5; attempt++) {
          KademliaNode seed = nodes.get(random.nextInt(nodes.size()));
          if (await(n.bootstrap(List.of(seed.address())).handle((v, e) -> e == null))) {
            break;
          }
        }
      }
      nodes.add(n);
    }
    for (int i = 0; i < KEYS; i += IN_FLIGHT) {
      List<CompletableFuture<?>> sets = new ArrayList<>();
      for (int j = i; j < Math.min(KEYS, i + IN_FLIGHT); j++) {
        sets.add(nodes.get(random.nextInt(PEERS)).set("key-" + j, Value.of("value-" + j)));
      }
      await(CompletableFuture.allOf(sets.toArray(CompletableFuture[]::new)));
    }

    int found = 0;
    for (int i = 0; i < KEYS; i += IN_FLIGHT) {
      List<CompletableFuture<Optional<Value>>> gets = new ArrayList<>();
      for (int j = i; j < Math.min(KEYS, i + IN_FLIGHT); j++) {
        gets.add(nodes.get(random.nextInt(PEERS)).get("key-" + j));
      }
      for (int j = i; j < Math.min(KEYS, i + IN_FLIGHT); j++) {
        if (await(gets.get(j - i)).equals(Optional.of(Value.of("value-" + j)))) {
          found++;
        }
      }
    }

    assertThat(found).as("gets that found their value, of " + KEYS).isGreaterThanOrEqualTo(99);
  }
}
