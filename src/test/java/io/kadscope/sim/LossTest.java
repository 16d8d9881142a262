package io.kadscope.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.Value;
import io.kadscope.engine.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Datagram loss on the simulated network: every message (request or answer) is lost with
 * probability 0.3, so a request and its answer both arrive with probability 0.49. The RPC client's
 * retransmissions, and lookups that move on from a late contact, still find nearly every value.
 */
class LossTest {
  private static final int NODES = 150;
  private static final int KEYS = 200;

  private final VirtualScheduler time = new VirtualScheduler();
  private final Random random = new Random(30);
  private final SimNetwork net = new SimNetwork(time, Duration.ofMillis(10), 0.3, random);
  private final List<KademliaNode> nodes = new ArrayList<>();

  private <T> T await(CompletableFuture<T> f) {
    while (!f.isDone()) {
      if (!time.runNext()) {
        throw new AssertionError("the simulation ran out of work before the operation ended");
      }
    }
    return f.join();
  }

  @Test
  void atThirtyPercentLoss_atLeast99PercentOfGetsFindTheirValue() {
    for (int i = 0; i < NODES; i++) {
      KademliaNode n =
          KademliaNode.builder()
              .rpcPort(net.newPort())
              .scheduler(time)
              .clock(time.clock())
              .random(random)
              .build();
      n.start();
      if (!nodes.isEmpty()) {
        // a join that loses every copy of its seed ping tries another seed, as a user would
        for (int attempt = 0; attempt < 5; attempt++) {
          KademliaNode seed = nodes.get(random.nextInt(nodes.size()));
          CompletableFuture<Integer> joined = n.bootstrap(List.of(seed.address()));
          if (await(joined.handle((v, e) -> e == null))) {
            break;
          }
        }
      }
      nodes.add(n);
    }
    for (int i = 0; i < KEYS; i++) {
      await(nodes.get(random.nextInt(NODES)).set("key-" + i, Value.of("value-" + i)));
    }

    int found = 0;
    for (int i = 0; i < KEYS; i++) {
      Optional<Value> v = await(nodes.get(random.nextInt(NODES)).get("key-" + i));
      if (v.equals(Optional.of(Value.of("value-" + i)))) {
        found++;
      }
    }

    assertThat(net.lost()).as("the network did lose messages").isPositive();
    assertThat(found).as("gets that found their value, of " + KEYS).isGreaterThanOrEqualTo(198);
  }
}
