package io.kadscope.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.Defaults;
import io.kadscope.engine.GetResult;
import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Churn on virtual time: peers of a simulated network leave abruptly (their sockets gone, no
 * goodbye) and newcomers join by real joins, hour after hour (96 of 200 over four hours), while the
 * network holds its keys. Hourly replication by the holders and the hand-over to newcomers keep
 * every key where a get finds it, although by the end many of the peers that first held a key have
 * left.
 */
class ChurnTest {
  private static final int PEERS = 200;
  private static final Duration STEP = Duration.ofMinutes(5);
  private static final int STEPS_PER_HOUR = 12;
  private static final int HOURS = 4;

  /** Peers that leave, and peers that join, in each step. */
  private static final int TURNOVER_PER_STEP = 2;

  /** Peers that leave over the hours, and as many that join: about half the network. */
  private static final int CHURNED = HOURS * STEPS_PER_HOUR * TURNOVER_PER_STEP;

  @Test
  void twoHundredKeys_stayGettableThroughHoursOfChurn_andReturnToTheirKClosestPeers() {
    try (Simulation sim = Simulation.builder().peers(PEERS).seed(41).build()) {
      List<String> keys = setKeys(sim, 200);
      List<NodeId> firstPeers = sim.peers().stream().map(KademliaNode::id).toList();

      for (int hour = 1; hour <= HOURS; hour++) {
        churnForAnHour(sim);
        assertThat(missing(sim, keys)).as("keys not found after hour " + hour).isEmpty();
      }
      long firstStillIn = firstPeers.stream().filter(id -> sim.peer(id) != null).count();
      // Two rounds: the holders' hourly timers need not all fall after the last join.
      sim.time()
          .advance(
              Defaults.REPLICATE_INTERVAL
                  .multipliedBy(2)
                  .plus(Defaults.MAINTENANCE_TICK.multipliedBy(2)));

      assertThat(sim.left()).as("peers that left abruptly").isEqualTo(CHURNED);
      assertThat(sim.joinedSinceBuilt()).as("peers that joined later").isEqualTo(CHURNED);
      assertThat(firstStillIn).as("peers of the first network still in").isLessThan(PEERS * 2 / 3);
      assertThat(underHeld(sim, keys)).as("keys not held by their k closest live peers").isEmpty();
    }
  }

  @Test
  void aThousandKeys_allStayGettable_whenHalfThePeersLeaveWithinHalfAnHour() {
    try (Simulation sim = Simulation.builder().peers(PEERS).seed(42).build()) {
      List<String> keys = setKeys(sim, 1000);

      // Five steps of six minutes: twenty peers leave abruptly and four join in each.
      for (int step = 0; step < 5; step++) {
        for (int i = 0; i < 20; i++) {
          sim.leave(sim.randomPeer());
        }
        for (int i = 0; i < 4; i++) {
          sim.await(sim.join());
        }
        sim.time().advance(Duration.ofMinutes(6));
      }

      assertThat(sim.left()).as("peers that left abruptly").isEqualTo(PEERS / 2);
      assertThat(missing(sim, keys)).as("keys not found after half the peers left").isEmpty();
    }
  }

  /** The keys that some of their k truly closest live peers do not hold, with how many do. */
  private static List<String> underHeld(Simulation sim, List<String> keys) {
    List<String> under = new ArrayList<>();
    for (String key : keys) {
      NodeId id = NodeId.ofKey(key);
      long holding =
          sim.closest(id, sim.k(), null).stream()
              .filter(p -> sim.peer(p).localValue(id).isPresent())
              .count();
      if (holding < sim.k()) {
        under.add(key + ": held by " + holding + " of its " + sim.k() + " closest live peers");
      }
    }
    return under;
  }

  /** Sets {@code count} keys, each from a random peer, and checks that each set was stored. */
  private static List<String> setKeys(Simulation sim, int count) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String key = "key-" + i;
      var r = sim.await(sim.randomPeer().set(key, Value.of("value-" + i)));
      assertThat(r.acknowledged()).as("stores acknowledged for " + key).isEqualTo(sim.k());
      keys.add(key);
    }
    return keys;
  }

  /** An hour of steps: in each, some random peers leave abruptly and as many newcomers join. */
  private static void churnForAnHour(Simulation sim) {
    for (int step = 0; step < STEPS_PER_HOUR; step++) {
      for (int i = 0; i < TURNOVER_PER_STEP; i++) {
        sim.leave(sim.randomPeer());
      }
      for (int i = 0; i < TURNOVER_PER_STEP; i++) {
        sim.await(sim.join());
      }
      sim.time().advance(STEP);
    }
  }

  /** The keys a get from a random live peer does not find, each with what the get said. */
  private static List<String> missing(Simulation sim, List<String> keys) {
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      KademliaNode from = sim.randomPeer();
      GetResult r = sim.await(from.lookupValue(key));
      if (!r.value().equals(Optional.of(Value.of("value-" + i)))) {
        missing.add(key + " from " + from.id().shortHex(8) + ": " + r.outcome() + " " + r.value());
      }
    }
    return missing;
  }
}
