package io.kadscope;

import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.VirtualScheduler;
import io.kadscope.gui.session.Progress;
import io.kadscope.gui.session.SimulatedNetwork;
import io.kadscope.gui.session.SimulatedNetworks;
import io.kadscope.sim.SimNetwork;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The visualiser's simulated networks on this build's simulator: a {@link SimNetwork} on a {@link
 * VirtualScheduler}, every peer a real {@link KademliaNode} joined by a real join, and one thread
 * that runs virtual time at the window's speed, pauses it, steps it one event at a time, and runs
 * the window's calls between events.
 */
final class SimulatedPeers implements SimulatedNetworks {
  private static final Logger log = LoggerFactory.getLogger(SimulatedPeers.class);

  /** One-way delay of every simulated message: a round trip takes 20 virtual ms. */
  static final Duration LATENCY = Duration.ofMillis(10);

  /** Seeds a newcomer tries before the build gives up on it. */
  static final int JOIN_ATTEMPTS = 5;

  @Override
  public CompletableFuture<SimulatedNetwork> build(int peers, long seed, Progress progress) {
    SimulatedNetworks.checkPeers(peers);
    Driven net = new Driven(seed);
    CompletableFuture<SimulatedNetwork> out = new CompletableFuture<>();
    net.execute(
        () -> {
          try {
            net.populate(peers, progress);
            out.complete(net);
          } catch (RuntimeException e) {
            net.close();
            out.completeExceptionally(e);
          }
        });
    return out;
  }

  /** A built network and the thread that drives it. */
  static final class Driven implements SimulatedNetwork {
    private final VirtualScheduler time = new VirtualScheduler();
    private final Random random;
    private final SimNetwork net;
    private final List<KademliaNode> peers = new ArrayList<>();
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile double speed = 1;
    private volatile boolean paused;
    private volatile boolean closed;
    private volatile List<KademliaNode> built = List.of();

    Driven(long seed) {
      random = new Random(seed);
      net = new SimNetwork(time, LATENCY, 0, random);
      thread = new Thread(this::drive, "simulation");
      thread.setDaemon(true);
      thread.start();
    }

    /**
     * Builds and joins {@code n} peers. The peers join as the Python package's do (a ping and a
     * lookup of their own id; they learn the rest from the traffic of those who join after them),
     * which costs a join one lookup instead of one per bucket; the last, the window's node, also
     * refreshes every bucket farther than its closest neighbour (paper 2.3), so that its table has
     * a dozen buckets, full far away, where one bucket covers half the ids, down to its own
     * neighbourhood.
     */
    void populate(int n, Progress progress) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        boolean last = i == n - 1;
        KademliaNode node =
            KademliaNode.builder()
                .rpcPort(net.newPort())
                .scheduler(time)
                .clock(time.clock())
                .random(random)
                .refreshOnJoin(last)
                .build();
        node.start();
        if (!peers.isEmpty()) {
          join(node);
        }
        peers.add(node);
        if ((i + 1) % 250 == 0 || last) {
          progress.update(
              (i + 1) / (double) n,
              String.format(
                  "%,d of %,d peers joined · %.0f s", i + 1, n, (System.nanoTime() - t0) / 1e9));
        }
      }
      built = List.copyOf(peers);
      log.info(
          "simulated network of {} peers built in {} s",
          n,
          String.format("%.1f", (System.nanoTime() - t0) / 1e9));
    }

    private void join(KademliaNode node) {
      RuntimeException last = null;
      for (int attempt = 0; attempt < JOIN_ATTEMPTS; attempt++) {
        KademliaNode via = peers.get(random.nextInt(peers.size()));
        try {
          await(node.bootstrap(List.of(via.address())));
          return;
        } catch (CompletionException e) {
          last = e;
        }
      }
      throw new IllegalStateException(
          "a peer could not join in " + JOIN_ATTEMPTS + " attempts: " + last.getMessage(), last);
    }

    private <T> T await(CompletableFuture<T> f) {
      while (!f.isDone()) {
        if (!time.runNext()) {
          throw new IllegalStateException("the simulation ran out of events before a join ended");
        }
      }
      return f.join();
    }

    /** Runs tasks as they come and virtual time at {@code speed} times the wall clock. */
    private void drive() {
      long last = System.nanoTime();
      double owed = 0;
      while (!closed) {
        try {
          Runnable task = tasks.poll(4, TimeUnit.MILLISECONDS);
          while (task != null) {
            run(task);
            task = tasks.poll();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        long now = System.nanoTime();
        if (paused || built.isEmpty()) {
          last = now;
          owed = 0;
          continue;
        }
        owed += (now - last) * speed;
        last = now;
        long step = (long) owed;
        if (step > 0) {
          owed -= step;
          try {
            time.runUntil(time.now().plusNanos(step));
          } catch (RuntimeException e) {
            log.warn("a simulated event failed: {}", e.toString());
          }
        }
      }
    }

    private static void run(Runnable task) {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("a task on the simulation's thread failed: {}", e.toString());
      }
    }

    @Override
    public List<KademliaNode> peers() {
      return built;
    }

    @Override
    public void execute(Runnable task) {
      if (!closed) {
        tasks.add(task);
      }
    }

    @Override
    public void setSpeed(double factor) {
      if (!(factor > 0) || Double.isInfinite(factor)) {
        throw new IllegalArgumentException("a speed is a positive factor, found " + factor);
      }
      speed = factor;
    }

    @Override
    public double speed() {
      return speed;
    }

    @Override
    public void setPaused(boolean p) {
      paused = p;
    }

    @Override
    public boolean paused() {
      return paused;
    }

    @Override
    public CompletableFuture<Boolean> stepOne() {
      CompletableFuture<Boolean> f = new CompletableFuture<>();
      execute(() -> f.complete(time.runNext()));
      return f;
    }

    @Override
    public Instant now() {
      return time.now();
    }

    @Override
    public long latencyMillis() {
      return LATENCY.toMillis();
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      if (Thread.currentThread() == thread) {
        peers.forEach(KademliaNode::stop);
        closed = true;
        return;
      }
      CompletableFuture<Void> stopped = new CompletableFuture<>();
      execute(
          () -> {
            peers.forEach(KademliaNode::stop);
            stopped.complete(null);
          });
      stopped.completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
      closed = true;
    }
  }
}
