package io.kadscope;

import io.kadscope.engine.Defaults;
import io.kadscope.engine.KademliaNode;
import io.kadscope.gui.session.Progress;
import io.kadscope.gui.session.SimulatedNetwork;
import io.kadscope.gui.session.SimulatedNetworks;
import io.kadscope.sim.Latency;
import io.kadscope.sim.SimDriver;
import io.kadscope.sim.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The visualiser's simulated networks on the engine's simulator: a {@link Simulation} of real
 * {@link KademliaNode}s, driven by a {@link SimDriver} at the window's speed.
 *
 * <p>Up to {@link #REAL_JOINS_UP_TO} peers, every peer joins by a real join, by messages on virtual
 * time. Above that the peers but the last join by indexed joins ({@link Simulation.Joins#INDEXED}):
 * each looks up its own id by direct calls into the queried peers' tables, and its refresh of every
 * bucket farther than the closest neighbour takes the true k closest to each refresh target from
 * the index of all ids, which is what such a refresh returns (recall 1.0 at every size measured); a
 * build that real joins would take minutes for then takes seconds (10,000 peers in about 4 s,
 * 100,000 in about 75 s on two cores). The tables have the same shape: at 5,000 peers ({@code bench
 * sim --nodes 5000 --lookups 200 --seed 5 --joins real}, then {@code --joins indexed}) real joins
 * gave 222.5 contacts a table and a hop depth of 2.79, indexed joins 227.6 and 2.80, within 5 % of
 * each other at every bucket index at 10,000 peers ({@code IndexedJoinsTest} holds it at 2,000).
 *
 * <p>The last peer, the window's node, always joins by a real join, through a random peer, and the
 * network then runs until the refreshes that join owes are done ({@link #SETTLE}): the window opens
 * on a node that joined as a newcomer does, its table full far away and dense near itself, with no
 * background lookup of its own left to mix with the first one a user starts.
 */
final class SimulatedPeers implements SimulatedNetworks {
  private static final Logger log = LoggerFactory.getLogger(SimulatedPeers.class);

  /** One-way delay of every simulated message: a round trip takes 20 virtual ms. */
  static final Latency LATENCY = Latency.DEFAULT;

  /** The largest network built by real joins only; a bigger one is built by indexed joins. */
  static final int REAL_JOINS_UP_TO = 1_000;

  /**
   * Virtual time run after the window's node has joined: the spread of the refreshes a join owes
   * ({@link Defaults#JOIN_REFRESH_SPREAD}), then long enough for the last of them to time out.
   */
  static final Duration SETTLE =
      Defaults.JOIN_REFRESH_SPREAD.plus(Defaults.RPC_TIMEOUT.multipliedBy(6));

  /**
   * {@inheritDoc}
   *
   * <p>The build runs on a thread of its own; cancelling the returned future stops it within
   * moments.
   */
  @Override
  public CompletableFuture<SimulatedNetwork> build(int peers, long seed, Progress progress) {
    SimulatedNetworks.checkPeers(peers);
    CompletableFuture<SimulatedNetwork> out = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                Driven net = Driven.start(build(peers, seed, progress, out::isDone));
                if (!out.complete(net)) {
                  net.close();
                }
              } catch (CancellationException e) {
                log.info("the build of a simulated network of {} peers was cancelled", peers);
                out.cancel(false);
              } catch (OutOfMemoryError e) {
                out.completeExceptionally(
                    new IllegalStateException(
                        String.format(
                            "the heap (%,d MB) is too small for %,d simulated peers: give the JVM"
                                + " more (java -Xmx2g -jar kadscope.jar) or ask for fewer peers",
                            Runtime.getRuntime().maxMemory() >> 20, peers),
                        e));
              } catch (RuntimeException e) {
                out.completeExceptionally(e);
              }
            },
            "simulation-build");
    t.setDaemon(true);
    t.start();
    return out;
  }

  /** Builds the network on the calling thread, the window's node last. */
  static Simulation build(int peers, long seed, Progress progress, BooleanSupplier cancelled) {
    long t0 = System.nanoTime();
    Simulation.Joins joins =
        peers <= REAL_JOINS_UP_TO ? Simulation.Joins.REAL : Simulation.Joins.INDEXED;
    String how = joins == Simulation.Joins.REAL ? "real joins" : "indexed joins";
    // The simulation counts the peers it builds; the user asked for them and the window's node.
    String counted = String.format(" of %,d peers", peers - 1);
    String asked = String.format(" of %,d peers", peers);
    Simulation sim =
        Simulation.builder()
            .peers(peers - 1)
            .seed(seed)
            .latency(LATENCY)
            .joins(joins)
            .progress(
                (f, text) ->
                    progress.update(0.98 * f, text.replace(counted, asked) + " (" + how + ")"))
            .cancelled(cancelled)
            .build();
    try {
      progress.update(0.98, String.format("the window's node joins %,d peers…", peers - 1));
      sim.await(sim.join());
      sim.time().runUntil(sim.time().now().plus(SETTLE));
    } catch (RuntimeException e) {
      sim.close();
      throw e;
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    progress.update(1, String.format("%,d peers joined · %.0f s", peers, seconds));
    log.info(
        "simulated network of {} peers built by {} in {} s",
        peers,
        how,
        String.format("%.1f", seconds));
    return sim;
  }

  /** A built network and the driver that runs its virtual time. */
  static final class Driven implements SimulatedNetwork {
    private final SimDriver driver;
    private final List<KademliaNode> peers;
    private volatile boolean closed;

    private Driven(SimDriver driver, List<KademliaNode> peers) {
      this.driver = driver;
      this.peers = peers;
    }

    /** Starts driving {@code sim} at real time. */
    static Driven start(Simulation sim) {
      List<KademliaNode> peers = List.copyOf(sim.peers());
      return new Driven(SimDriver.start(sim), peers);
    }

    @Override
    public List<KademliaNode> peers() {
      return peers;
    }

    /** Runs {@code task} on the simulation's thread; once the network is closed, drops it. */
    @Override
    public void execute(Runnable task) {
      if (closed) {
        return;
      }
      try {
        driver.execute(task);
      } catch (IllegalStateException e) {
        log.debug("a task came after the simulated network closed: {}", e.getMessage());
      }
    }

    @Override
    public void setSpeed(double factor) {
      driver.setSpeed(factor);
    }

    @Override
    public double speed() {
      return driver.speed();
    }

    @Override
    public void setPaused(boolean paused) {
      driver.setPaused(paused);
    }

    @Override
    public boolean paused() {
      return driver.paused();
    }

    @Override
    public CompletableFuture<Boolean> stepOne() {
      if (closed) {
        return CompletableFuture.completedFuture(false);
      }
      return driver.step();
    }

    @Override
    public Instant now() {
      return driver.now();
    }

    @Override
    public long latencyMillis() {
      return LATENCY.min().toMillis();
    }

    @Override
    public void close() {
      closed = true;
      driver.close();
    }
  }
}
