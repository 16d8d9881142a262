package io.kadscope.sim;

import io.kadscope.engine.Contact;
import io.kadscope.engine.Defaults;
import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.VirtualScheduler;
import io.kadscope.engine.lookup.LookupMode;
import io.kadscope.engine.routing.BucketSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * A simulated network of real {@link KademliaNode}s on a {@link SimNetwork} and one {@link
 * VirtualScheduler}: built with {@link #builder()} to a given size, then grown by real joins and
 * shrunk by abrupt leaves while lookups run. It knows every peer, so it can say which are truly the
 * k closest to a target ({@link #closest}), against which a lookup's answer is measured.
 *
 * <pre>{@code
 * Simulation sim = Simulation.builder().peers(10_000).seed(7).build();
 * KademliaNode you = sim.peers().get(sim.size() - 1);
 * LookupResult r = sim.await(you.findNode(target));
 * }</pre>
 *
 * <p>How the tables are built ({@link Joins}): by real joins, one after another on virtual time
 * (each newcomer pings a random peer already in, looks up its own id, then refreshes every bucket
 * farther than its closest neighbour, all by messages); or by direct joins, which take the same
 * steps with each lookup run by direct calls into the queried peers' tables instead of messages
 * ({@link DirectLookup}), recording each request and answer in both tables ({@link
 * KademliaNode#addContact}); or by indexed joins (the default), direct joins whose refresh lookups
 * are answered from the index of every id, the true k closest to each target, and whose peers keep
 * a newcomer only when their tables would take it. Direct and indexed joins give tables of the same
 * shape as real ones (docs/benchmarks.md compares the three; {@code IndexedJoinsTest} holds it) at
 * a fraction of the cost, with no virtual time spent. Either way every node then runs its
 * unmodified engine over the simulated network.
 *
 * <p>Not thread-safe: call it from the thread that runs its virtual time ({@link SimDriver} gives
 * it one).
 */
public final class Simulation implements AutoCloseable {

  /** How the peers of a network being built learn of each other. */
  public enum Joins {
    /** Real joins by messages on virtual time, one after another. */
    REAL,
    /** The steps of a real join, each lookup run by direct calls instead of messages. */
    DIRECT,
    /**
     * Direct joins whose refresh lookups are answered from the index of every peer's id: each
     * yields the true k closest to its target, what a refresh lookup that finds them all (recall
     * 1.0) returns, and those k are recorded in both tables as the lookup's requests and answers
     * would be; the lookup of the own id stays a direct lookup.
     */
    INDEXED
  }

  /** Seeds a newcomer tries, one after another, before its join gives up. */
  public static final int JOIN_ATTEMPTS = 5;

  private final Settings settings;
  private final VirtualScheduler time;
  private final SimNetwork network;
  private final Random random;
  private final List<KademliaNode> peers = new ArrayList<>();
  private final Map<NodeId, KademliaNode> byId = new HashMap<>();
  private final Set<KademliaNode> joining = new LinkedHashSet<>();
  private List<KademliaNode> unjoined = List.of();
  private final IdIndex index = new IdIndex();
  private final Duration fixedRtt;
  private final boolean fixedLinks;
  private int left;
  private int joined;

  private Simulation(Settings settings) {
    this.settings = settings;
    this.random = new Random(settings.seed);
    this.time = new VirtualScheduler();
    this.network = new SimNetwork(time, settings.latency, settings.loss, random);
    this.fixedRtt = settings.latency.min().multipliedBy(2);
    this.fixedLinks = settings.latency.kind() == Latency.Kind.FIXED;
  }

  /** A builder with {@code bench sim}'s defaults: k = 20, α = 3, 10 ms one way, no loss. */
  public static Builder builder() {
    return new Builder();
  }

  /** The virtual time every node runs on. */
  public VirtualScheduler time() {
    return time;
  }

  /** The network the nodes talk over. */
  public SimNetwork network() {
    return network;
  }

  /** The source of every random choice of the simulation, seeded: ids, seeds, targets, losses. */
  public Random random() {
    return random;
  }

  /** The peers in the network now, in the order they joined (those that left are gone). */
  public List<KademliaNode> peers() {
    return Collections.unmodifiableList(peers);
  }

  /** How many peers are in the network now. */
  public int size() {
    return peers.size();
  }

  /** The peer with this id, if it is in the network. */
  public KademliaNode peer(NodeId id) {
    return byId.get(id);
  }

  /** A peer picked at random (by the simulation's seeded random). */
  public KademliaNode randomPeer() {
    if (peers.isEmpty()) {
      throw new IllegalStateException("the simulated network has no peer");
    }
    return peers.get(random.nextInt(peers.size()));
  }

  /** The bucket size of every node. */
  public int k() {
    return settings.k;
  }

  /** How the tables were built. */
  public Joins joins() {
    return settings.joins;
  }

  /** Peers that left abruptly so far. */
  public int left() {
    return left;
  }

  /** Peers that joined after the network was built. */
  public int joinedSinceBuilt() {
    return joined;
  }

  /**
   * The {@code k} peers truly closest to {@code target} among those in the network, closest first,
   * leaving out {@code exclude} (may be null): what a perfect lookup would return.
   */
  public List<NodeId> closest(NodeId target, int k, NodeId exclude) {
    return index.closest(target, k, exclude);
  }

  /**
   * A new peer joins by a real join, on virtual time, through a random peer already in; with
   * message loss a join can fail, and the newcomer then tries another peer, up to {@link
   * #JOIN_ATTEMPTS}. The future completes once it is in the network, or exceptionally when every
   * attempt failed.
   */
  public CompletableFuture<KademliaNode> join() {
    KademliaNode node = newNode(b -> {});
    joining.add(node);
    CompletableFuture<KademliaNode> done = new CompletableFuture<>();
    attemptJoin(node, 1, done);
    return done.whenComplete(
        (n, err) -> {
          joining.remove(node);
          if (err == null) {
            enter(node);
            joined++;
          } else {
            node.stop();
          }
        });
  }

  private void attemptJoin(KademliaNode node, int attempt, CompletableFuture<KademliaNode> done) {
    if (peers.isEmpty()) {
      done.complete(node);
      return;
    }
    KademliaNode via = randomPeer();
    node.bootstrap(List.of(via.address()))
        .whenComplete(
            (known, err) -> {
              if (err == null) {
                done.complete(node);
              } else if (attempt >= JOIN_ATTEMPTS || !node.isRunning()) {
                done.completeExceptionally(
                    new IllegalStateException(
                        "a peer could not join in "
                            + attempt
                            + " attempts: "
                            + unwrap(err).getMessage(),
                        unwrap(err)));
              } else {
                attemptJoin(node, attempt + 1, done);
              }
            });
  }

  /**
   * {@code peer} leaves abruptly: its socket is gone, it says goodbye to no one, what it was doing
   * fails, and what is sent to it is lost. Its contacts find out by timeouts.
   */
  public void leave(KademliaNode peer) {
    if (byId.remove(peer.id()) == null) {
      throw new IllegalArgumentException("not a peer of this network: " + peer.id().shortHex(8));
    }
    peers.remove(peer);
    index.remove(peer.id());
    peer.stop();
    left++;
  }

  /**
   * Runs virtual time, task by task, until {@code f} completes, and returns its value.
   *
   * @throws IllegalStateException when no task is left and {@code f} is still not done
   * @throws CompletionException when {@code f} completed exceptionally
   */
  public <T> T await(CompletableFuture<T> f) {
    while (!f.isDone()) {
      if (!time.runNext()) {
        throw new IllegalStateException(
            "the simulation ran out of events before the operation ended");
      }
    }
    return f.join();
  }

  /** Stops every node, those still joining too. */
  @Override
  public void close() {
    for (KademliaNode n : unjoined) {
      n.stop();
    }
    for (KademliaNode n : List.copyOf(joining)) {
      n.stop();
    }
    for (KademliaNode n : peers) {
      n.stop();
    }
  }

  // ---- building ----

  private KademliaNode newNode(Consumer<KademliaNode.Builder> custom) {
    KademliaNode.Builder b =
        KademliaNode.builder()
            .rpcPort(network.newPort())
            .scheduler(time)
            .clock(time.clock())
            .random(random)
            .k(settings.k)
            .alpha(settings.alpha)
            .lookupMode(settings.lookupMode)
            .rpcTimeout(settings.rpcTimeout)
            .refreshOnJoin(settings.refreshOnJoin);
    custom.accept(b);
    KademliaNode node = b.build();
    node.start();
    return node;
  }

  private void enter(KademliaNode node) {
    peers.add(node);
    byId.put(node.id(), node);
    index.add(node.id());
  }

  private void populate() {
    if (settings.joins != Joins.REAL) {
      populateDirectly();
      return;
    }
    int n = settings.peers;
    long t0 = System.nanoTime();
    int step = Math.max(1, n / 200);
    for (int i = 0; i < n; i++) {
      if (i % step == 0) {
        checkCancelled(i);
        settings.progress.update(i / (double) n, progressText(i, n, t0));
      }
      KademliaNode node = newNode(b -> {});
      if (!peers.isEmpty()) {
        realJoin(node);
      }
      enter(node);
    }
    settings.progress.update(1, progressText(n, n, t0));
  }

  /**
   * Makes every peer first, then lets them join in turn by direct joins. Made first, the peers are
   * old by the time the tables fill with references to them, which spares the collector from
   * tracing millions of references from old tables to young peers.
   */
  private void populateDirectly() {
    int n = settings.peers;
    long t0 = System.nanoTime();
    int step = Math.max(1, n / 200);
    List<KademliaNode> made = new ArrayList<>(n);
    unjoined = made;
    for (int i = 0; i < n; i++) {
      if (i % step == 0) {
        checkCancelled(0);
        settings.progress.update(
            MAKING_SHARE * i / n, String.format("%,d of %,d peers made", i, n));
      }
      made.add(newNode(b -> {}));
    }
    enter(made.get(0));
    int i = 1;
    int nextReport = 0;
    while (i < n) {
      if (i >= nextReport) {
        nextReport = i + step;
        checkCancelled(i);
        settings.progress.update(MAKING_SHARE + (1 - MAKING_SHARE) * i / n, progressText(i, n, t0));
      }
      int count = Math.min(n - i, batchSize());
      directJoins(made.subList(i, i + count));
      i += count;
    }
    unjoined = List.of();
    settings.progress.update(1, progressText(n, n, t0));
  }

  /** The share of a direct build's progress that making the peers takes. */
  private static final double MAKING_SHARE = 0.05;

  private void checkCancelled(int joinedSoFar) {
    if (settings.cancelled.getAsBoolean()) {
      close();
      throw new CancellationException("the build was cancelled at " + joinedSoFar + " peers");
    }
  }

  /**
   * How many peers join at once in a direct build: one while the network is small, up to {@link
   * #MAX_BATCH} once it is large enough that peers joining together hardly ever meet.
   */
  private int batchSize() {
    return Math.max(1, Math.min(MAX_BATCH, peers.size() / BATCH_SPREAD));
  }

  /** Stripes of peers that learn of a batch of newcomers in parallel. */
  static final int STRIPES = 16;

  /** Peers that may join at once in a direct build. */
  static final int MAX_BATCH = 64;

  /** A direct build lets one more peer join at once for every this many in the network. */
  static final int BATCH_SPREAD = 512;

  private static String progressText(int done, int total, long t0) {
    return String.format(
        "%,d of %,d peers joined · %.0f s", done, total, (System.nanoTime() - t0) / 1e9);
  }

  private void realJoin(KademliaNode node) {
    CompletableFuture<KademliaNode> done = new CompletableFuture<>();
    attemptJoin(node, 1, done);
    await(done);
  }

  /**
   * The {@code newcomers} join at once, each by the steps of a real join with its lookups run
   * directly ({@link DirectJoin}), on as many threads as there are processors. They see the network
   * as it was before any of them joined, as peers joining at the same moment would; what the peers
   * already in learn of them is recorded once all are done, in the order they were created, so that
   * the result does not depend on the threads.
   */
  private void directJoins(List<KademliaNode> newcomers) {
    int count = newcomers.size();
    List<DirectJoin> joins = new ArrayList<>(count);
    for (KademliaNode node : newcomers) {
      joins.add(new DirectJoin(node, randomPeer(), new Random(random.nextLong())));
    }
    if (count == 1) {
      joins.get(0).run();
      joins.get(0).tellTheOthers(0, 1);
    } else {
      joins.parallelStream().forEach(DirectJoin::run);
      // Each stripe of the peers learns of the newcomers in their order, the stripes in parallel.
      IntStream.range(0, STRIPES)
          .parallel()
          .forEach(
              stripe -> {
                for (DirectJoin j : joins) {
                  j.tellTheOthers(stripe, STRIPES);
                }
              });
    }
    for (DirectJoin j : joins) {
      enter(j.node);
    }
  }

  /**
   * One newcomer's join by the steps of a real one, each lookup run directly ({@link
   * DirectLookup}): it meets a random peer (its seed's ping), looks up its own id, then, unless it
   * joins as the Python package's peers do, looks up a random id in each bucket farther than its
   * closest neighbour (paper 2.3). It holds every peer it met at once, with the round trip of their
   * link; the peers it met learn of it in {@link #tellTheOthers}.
   */
  private final class DirectJoin {
    final KademliaNode node;
    private final KademliaNode seed;
    private final Random random;
    private final Contact self;
    private final List<KademliaNode> met = new ArrayList<>();
    private final IntList stripes = new IntList();

    DirectJoin(KademliaNode node, KademliaNode seed, Random random) {
      this.node = node;
      this.seed = seed;
      this.random = random;
      this.self = node.contact();
    }

    void run() {
      NodeId id = node.id();
      meet(node, seed.contact());
      List<Contact> own = DirectLookup.run(node, id, settings.alpha, this::meet);
      if (!settings.refreshOnJoin || own.isEmpty()) {
        return;
      }
      int nearest = own.get(0).id().sharedPrefixLength(id);
      for (BucketSnapshot b : node.routingSnapshot().buckets()) {
        if (!b.containsSelf() && b.index() < nearest) {
          NodeId target = NodeId.randomWithPrefix(b.prefix(), b.depth(), random);
          if (settings.joins == Joins.INDEXED) {
            refreshFromIndex(target);
          } else {
            DirectLookup.run(node, target, settings.alpha, this::meet);
          }
        }
      }
    }

    /**
     * The shortcut of {@link Joins#INDEXED} for a refresh lookup of {@code target}: the newcomer
     * meets the true k closest to it among the peers in the network (the newcomers of the same
     * batch are not in the index yet, as they are in no table yet), farthest first, as a lookup's
     * answers come in while it converges. A real refresh lookup also queries the few contacts it
     * passes on the way, mostly ones the newcomer already holds from the lookup of its own id;
     * {@code IndexedJoinsTest} and docs/benchmarks.md check that the tables keep the shape of
     * direct and real joins all the same.
     */
    private void refreshFromIndex(NodeId target) {
      List<NodeId> closest = index.closest(target, settings.k, node.id());
      for (int i = closest.size() - 1; i >= 0; i--) {
        meet(node, byId.get(closest.get(i)).contact());
      }
    }

    /** The newcomer queried {@code answerer}, which answered. */
    private KademliaNode meet(KademliaNode asker, Contact answerer) {
      KademliaNode other = byId.get(answerer.id());
      if (other == null) {
        return null;
      }
      Duration rtt =
          fixedLinks
              ? fixedRtt
              : Duration.ofNanos(
                  2 * Math.max(0, network.linkNanos(asker.address(), other.address())));
      asker.addContact(answerer, rtt);
      met.add(other);
      stripes.add(answerer.id().hashCode());
      return other;
    }

    /**
     * Each peer of stripe {@code stripe} (of {@code of}) the newcomer met holds it as a peer that
     * sent it a request. In an indexed join, as in a real one, a peer keeps the newcomer only when
     * its table would take it ({@link KademliaNode#addRequester}: a real peer then verifies it with
     * a ping first); a full bucket of answering contacts ignores it instead of caching it.
     */
    void tellTheOthers(int stripe, int of) {
      boolean verifying = settings.joins == Joins.INDEXED;
      for (int i = 0; i < met.size(); i++) {
        if (Math.floorMod(stripes.get(i), of) == stripe) {
          if (verifying) {
            met.get(i).addRequester(self, null);
          } else {
            met.get(i).addContact(self, null);
          }
        }
      }
    }
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  /** The settings of a network being built. */
  private static final class Settings {
    int peers = 1000;
    long seed = 1;
    Latency latency = Latency.DEFAULT;
    double loss;
    int k = Defaults.K;
    int alpha = Defaults.ALPHA;
    LookupMode lookupMode = LookupMode.PIPELINED;
    Duration rpcTimeout = Defaults.RPC_TIMEOUT;
    boolean refreshOnJoin = true;
    Joins joins = Joins.INDEXED;
    Progress progress = Progress.NONE;
    BooleanSupplier cancelled = () -> false;

    Settings copy() {
      Settings c = new Settings();
      c.peers = peers;
      c.seed = seed;
      c.latency = latency;
      c.loss = loss;
      c.k = k;
      c.alpha = alpha;
      c.lookupMode = lookupMode;
      c.rpcTimeout = rpcTimeout;
      c.refreshOnJoin = refreshOnJoin;
      c.joins = joins;
      c.progress = progress;
      c.cancelled = cancelled;
      return c;
    }
  }

  /** Builds a {@link Simulation}; every setting has a default. */
  public static final class Builder {
    private final Settings s = new Settings();

    private Builder() {}

    /** How many peers to build, at least 1 (default 1,000). */
    public Builder peers(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("a simulated network has at least 1 peer, found " + n);
      }
      s.peers = n;
      return this;
    }

    /** The seed of every random choice: the same seed builds the same network (default 1). */
    public Builder seed(long seed) {
      s.seed = seed;
      return this;
    }

    /** The delay model of messages (default {@link Latency#DEFAULT}). */
    public Builder latency(Latency latency) {
      s.latency = Objects.requireNonNull(latency, "latency");
      return this;
    }

    /** The probability that a message is lost, in [0, 1) (default 0). */
    public Builder loss(double loss) {
      if (!(loss >= 0 && loss < 1)) {
        throw new IllegalArgumentException("loss is a probability in [0, 1), found " + loss);
      }
      s.loss = loss;
      return this;
    }

    /** Bucket size and replication factor of every node (default {@link Defaults#K}). */
    public Builder k(int k) {
      if (k < 1) {
        throw new IllegalArgumentException("k must be at least 1, found " + k);
      }
      s.k = k;
      return this;
    }

    /** Requests in flight per lookup of every node (default {@link Defaults#ALPHA}). */
    public Builder alpha(int alpha) {
      if (alpha < 1) {
        throw new IllegalArgumentException("alpha must be at least 1, found " + alpha);
      }
      s.alpha = alpha;
      return this;
    }

    /** How every node's lookups pace their requests (default {@link LookupMode#PIPELINED}). */
    public Builder lookupMode(LookupMode mode) {
      s.lookupMode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** How long a request waits for its answer (default {@link Defaults#RPC_TIMEOUT}). */
    public Builder rpcTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the RPC timeout must be positive, found " + timeout);
      }
      s.rpcTimeout = timeout;
      return this;
    }

    /**
     * Whether a join ends by refreshing the buckets farther than the closest neighbour, as the
     * paper's (default), or not, as the Python package's.
     */
    public Builder refreshOnJoin(boolean refresh) {
      s.refreshOnJoin = refresh;
      return this;
    }

    /** How the peers learn of each other while the network is built (default direct joins). */
    public Builder joins(Joins joins) {
      s.joins = Objects.requireNonNull(joins, "joins");
      return this;
    }

    /** Told of the build's progress, every half per cent. */
    public Builder progress(Progress progress) {
      s.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /** Asked every half per cent whether to give up: the build then throws a cancellation. */
    public Builder cancelled(BooleanSupplier cancelled) {
      s.cancelled = Objects.requireNonNull(cancelled, "cancelled");
      return this;
    }

    /**
     * Builds the network on the calling thread: every peer created, started and joined. The virtual
     * clock stands where the joins left it (at the start, for direct joins).
     *
     * @throws CancellationException when {@link #cancelled} said so
     * @throws IllegalStateException when a real join failed {@link #JOIN_ATTEMPTS} times
     */
    public Simulation build() {
      Simulation sim = new Simulation(s.copy());
      sim.populate();
      return sim;
    }
  }

  /** A growable list of ints. */
  private static final class IntList {
    private int[] values = new int[64];
    private int size;

    void add(int v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    int get(int i) {
      return values[i];
    }
  }
}
