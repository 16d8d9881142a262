package io.kadscope.gui.session;

import io.kadscope.engine.Defaults;
import io.kadscope.engine.Futures;
import io.kadscope.engine.GetResult;
import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.SetResult;
import io.kadscope.engine.Value;
import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.event.EngineListener;
import io.kadscope.engine.lookup.LookupResult;
import io.kadscope.engine.lookup.StopPolicy;
import io.kadscope.engine.routing.RoutingSnapshot;
import io.kadscope.engine.rpc.RpcException;
import io.kadscope.engine.store.StoreSnapshot;
import io.kadscope.gui.GuiLaunch;
import io.kadscope.mainline.node.MainlineNetwork;
import io.kadscope.mainline.node.MainlineNode;
import io.kadscope.mainline.node.Results;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window's own node and what runs beside it: made from the launch's factory, started as the
 * launch's mode says (a local network, a join, or alone), with the local peers and the key names;
 * or, on a simulated network, one of its peers picked as "you"; or a node of BitTorrent's DHT,
 * whose engine node may change when it takes a BEP 42 id. The one way the view-models reach the
 * node: it offers the node's operations and snapshots, and never the node itself. On a simulated
 * network every operation runs on the simulation's thread. Holds no JavaFX type.
 */
public final class NodeSession implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NodeSession.class);

  /**
   * Bucket size in the LOCAL network. With the paper's k = 20, a node among 25 knows every other
   * and holds nearly every value, so a lookup ends in one step; k = 8 gives the small network the
   * shape of a large one (several buckets, values on a third of the nodes, lookups of two or three
   * rounds) while tables stay connected enough for every lookup to find its value.
   */
  public static final int LOCAL_K = 8;

  /** Values seeded into the LOCAL network. */
  public static final int SEEDS = 5;

  private final GuiLaunch launch;
  private volatile KademliaNode node;
  private final MainlineNode mainline;
  private final MainlineNetwork mainlineNetwork;
  private final LocalNetwork local;
  private final SimulatedNetwork sim;
  private final EngineListener simListener;
  private volatile boolean ownsSim;
  private final KeyNames keys = new KeyNames();
  private final Set<NodeId> hidden = ConcurrentHashMap.newKeySet();
  private final int k;
  private final LookupsInFlight lookups = new LookupsInFlight();
  private volatile List<SeedValues.Seed> seeded = List.of();
  private volatile String firstKey;

  /**
   * Makes (but does not start) the window's node; {@code listener} sees every one of its events
   * from the first.
   */
  public NodeSession(GuiLaunch launch, EngineListener listener) {
    this.launch = launch;
    this.sim = null;
    this.simListener = null;
    if (launch.mode() == GuiLaunch.Mode.MAINLINE) {
      this.k = MainlineNode.K;
      this.mainlineNetwork = launch.mainline().get();
      MainlineNode m;
      try {
        m =
            MainlineNode.builder(mainlineNetwork)
                .bind(new InetSocketAddress(wildcard(), launch.localPort()))
                .listener(listener)
                .listener(lookups)
                .listener(this::engineChanged)
                .build();
      } catch (RuntimeException e) {
        mainlineNetwork.close();
        throw e;
      }
      this.mainline = m;
      this.node = m.engine();
      this.local = new LocalNetwork(launch.factory(), b -> b.k(k));
      return;
    }
    this.mainline = null;
    this.mainlineNetwork = null;
    this.k = launch.mode() == GuiLaunch.Mode.LOCAL ? LOCAL_K : Defaults.K;
    Consumer<KademliaNode.Builder> sized = b -> b.k(k);
    boolean newcomer = launch.mode() == GuiLaunch.Mode.LOCAL;
    Consumer<KademliaNode.Builder> watched =
        sized.andThen(b -> b.listener(listener).listener(lookups).refreshOnJoin(!newcomer));
    InetAddress bindHost =
        launch.mode() == GuiLaunch.Mode.LOCAL ? InetAddress.getLoopbackAddress() : wildcard();
    this.node =
        launch.factory().create(new InetSocketAddress(bindHost, launch.localPort()), watched);
    this.local = new LocalNetwork(launch.factory(), sized);
  }

  /**
   * Follows the Mainline node to its new engine when it takes a BEP 42 id: the session's snapshots
   * and operations are the new engine's from then on.
   */
  private void engineChanged(EngineEvent e) {
    if (e instanceof EngineEvent.NodeStarted && mainline != null) {
      node = mainline.engine();
    }
  }

  /**
   * A session on a simulated network, with its peer {@code you} as the window's node; {@code
   * listener} sees that node's events from now on. The session owns the network (and closes it on
   * {@link #close()}) until it hands it to another with {@link #pick}.
   */
  public NodeSession(GuiLaunch launch, SimulatedNetwork sim, NodeId you, EngineListener listener) {
    this.launch = launch;
    this.mainline = null;
    this.mainlineNetwork = null;
    this.sim = sim;
    this.ownsSim = true;
    this.k = Defaults.K;
    this.node =
        sim.peers().stream()
            .filter(p -> p.id().equals(you))
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException("no peer of the simulated network is " + you));
    this.simListener = listener;
    node.addListener(listener);
    node.addListener(lookups);
    this.local = new LocalNetwork(launch.factory(), b -> b.k(k));
  }

  /**
   * A session on the same simulated network with another of its peers as "you"; this session hands
   * the network over and no longer closes it.
   *
   * @throws IllegalStateException when this session is not on a simulated network
   */
  public NodeSession pick(NodeId you, EngineListener listener) {
    if (sim == null) {
      throw new IllegalStateException("only a simulated network lets another peer be you");
    }
    NodeSession next = new NodeSession(launch, sim, you, listener);
    ownsSim = false;
    return next;
  }

  /** The simulated network this session is on, if any. */
  public Optional<SimulatedNetwork> simulation() {
    return Optional.ofNullable(sim);
  }

  /**
   * The peers of the simulated network that hold a value under {@code key} now (empty on a live
   * one, where only a lookup can tell).
   */
  public List<NodeId> simulatedHolders(NodeId key) {
    return sim == null
        ? List.of()
        : sim.peers().stream()
            .filter(p -> p.localValue(key).isPresent())
            .map(KademliaNode::id)
            .toList();
  }

  /** The ids of every peer of the simulated network (empty on a live one). */
  public List<NodeId> simulatedIds() {
    return sim == null ? List.of() : sim.peers().stream().map(KademliaNode::id).toList();
  }

  /**
   * Runs an engine call where the engine wants it: at once on a live network (the node is
   * thread-safe), on the simulation's thread on a simulated one.
   */
  private <T> CompletableFuture<T> onEngine(Supplier<CompletableFuture<T>> call) {
    if (sim == null) {
      return call.get();
    }
    CompletableFuture<T> out = new CompletableFuture<>();
    sim.execute(
        () -> {
          try {
            call.get()
                .whenComplete(
                    (r, e) -> {
                      if (e != null) {
                        out.completeExceptionally(Futures.unwrap(e));
                      } else {
                        out.complete(r);
                      }
                    });
          } catch (RuntimeException e) {
            out.completeExceptionally(e);
          }
        });
    return out;
  }

  private static InetAddress wildcard() {
    return new InetSocketAddress(0).getAddress();
  }

  /** Starts the node as the launch's mode says; completes with a line for the status bar. */
  public CompletableFuture<String> start() {
    if (sim != null) {
      return onEngine(this::seedSimulated);
    }
    if (mainline != null) {
      mainline.start();
      boolean viaHost = launch.host() != null && !launch.host().isBlank();
      String through = viaHost ? launch.host() + ":" + launch.port() : "its public routers";
      CompletableFuture<Integer> joined =
          viaHost
              ? join(new InetSocketAddress(launch.host(), launch.port()))
              : mainline.joinRouters();
      return joined.thenApply(
          n ->
              "joined the BitTorrent DHT through "
                  + through
                  + " (k = "
                  + k
                  + ", BEP 5): "
                  + n
                  + " contacts so far; put, get, announce and peers are in the Store panel");
    }
    node.start();
    return switch (launch.mode()) {
      case SIM -> throw new IllegalStateException("a simulated session is built on its network");
      case CREATE -> CompletableFuture.completedFuture("started alone: join a network to begin");
      case JOIN ->
          join(new InetSocketAddress(launch.host(), launch.port()))
              .thenApply(
                  n ->
                      "joined the network of "
                          + launch.host()
                          + ":"
                          + launch.port()
                          + " (k = "
                          + k
                          + "): the count of contacts on the right grows as the node meets"
                          + " peers");
      case LOCAL -> startLocal(launch.localPeers());
      case MAINLINE -> throw new IllegalStateException("a Mainline session starts its own node");
    };
  }

  /**
   * Builds the local network first (every peer joining through the first), seeds it, and only then
   * joins the window's node, as a newcomer that knows its own neighbourhood: a get for a key
   * elsewhere in the id space then has to hop towards it, as in the paper's Fig. 2.
   */
  private CompletableFuture<String> startLocal(int peers) {
    return local
        .add(peers, Optional.empty())
        .thenCompose(
            n -> {
              List<SeedValues.Seed> seeds =
                  SeedValues.choose(SEEDS, node.id(), networkIds(), k, List.of());
              seeds.forEach(s -> keys.remember(s.key()));
              seeded = seeds;
              return local.seed(seeds, k).thenApply(r -> seeds);
            })
        .thenCompose(
            seeds ->
                local.anyAddress().isEmpty()
                    ? CompletableFuture.completedFuture(seeds)
                    : node.bootstrap(List.of(local.anyAddress().get())).thenApply(c -> seeds))
        .thenCompose(seeds -> lookups.idle().thenApply(idle -> seeds))
        .thenCompose(
            seeds -> {
              // Peers hand a newcomer the values it should hold (paper 2.5); the window's node
              // starts empty so that its first get asks the network.
              node.clearLocalStore();
              return pickFirstKey(seeds, 3).thenApply(r -> localStatus());
            });
  }

  /**
   * Seeds the simulated network with a few values, each set by a random peer, under keys that the
   * window's node does not hold; runs on the simulation's thread. The keys are those, of all the
   * candidates, that fall where the node's table is sparsest (its best contact shares the fewest
   * bits with them), the first one offered first: its lookup then starts far from the key and gains
   * bits round by round, as in the paper's Fig. 2, rather than starting next to it.
   */
  private CompletableFuture<String> seedSimulated() {
    List<KademliaNode> peers = sim.peers();
    List<NodeId> ids = peers.stream().map(KademliaNode::id).toList();
    List<NodeId> known =
        node.routingSnapshot().contacts().stream().map(c -> c.contact().id()).toList();
    List<SeedValues.Seed> seeds =
        SeedValues.choose(Integer.MAX_VALUE, node.id(), ids, k, List.of()).stream()
            .sorted(
                Comparator.comparingInt(
                    (SeedValues.Seed c) -> bestKnownPrefix(NodeId.ofKey(c.key()), known)))
            .limit(SEEDS)
            .toList();
    seeds.forEach(s -> keys.remember(s.key()));
    seeded = seeds;
    Random random = new Random(node.id().hashCode());
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (SeedValues.Seed s : seeds) {
      KademliaNode from = peers.get(random.nextInt(peers.size()));
      chain =
          chain.thenCompose(
              v -> {
                keys.confirm(NodeId.ofKey(s.key()));
                return from.set(s.key(), s.value()).thenApply(r -> null);
              });
    }
    return chain.thenApply(
        v -> {
          firstKey = seeds.isEmpty() ? null : seeds.get(0).key();
          return String.format("simulated network: %,d peers", peers.size())
              + (seeds.isEmpty()
                  ? ""
                  : ", values seeded under "
                      + String.join(", ", seeds.stream().map(SeedValues.Seed::key).toList()));
        });
  }

  /** The most leading bits any of {@code known} shares with {@code key}. */
  private static int bestKnownPrefix(NodeId key, List<NodeId> known) {
    int best = 0;
    for (NodeId id : known) {
      best = Math.max(best, id.sharedPrefixLength(key));
    }
    return best;
  }

  private String localStatus() {
    if (local.running() == 0) {
      return "no local peers: start some in the Network panel, or join a network";
    }
    String peers =
        "local network: "
            + local.running()
            + (local.running() == 1 ? " peer" : " peers")
            + " on 127.0.0.1";
    return seeded.isEmpty()
        ? peers
        : peers
            + ", values seeded under "
            + String.join(", ", seeded.stream().map(SeedValues.Seed::key).toList());
  }

  /**
   * Counts the window node's lookups in flight, so that seeding can wait until the refreshes that
   * follow a join have ended and the node's table has settled.
   */
  private static final class LookupsInFlight implements EngineListener {
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile CompletableFuture<Void> idle = new CompletableFuture<>();

    @Override
    public void onEvent(EngineEvent event) {
      if (event instanceof EngineEvent.LookupStarted) {
        inFlight.incrementAndGet();
      } else if (event instanceof EngineEvent.LookupFinished && inFlight.decrementAndGet() == 0) {
        idle.complete(null);
      }
    }

    /** Completes when no lookup is in flight, or after a few seconds at most. */
    CompletableFuture<Void> idle() {
      if (inFlight.get() == 0) {
        return CompletableFuture.completedFuture(null);
      }
      idle = new CompletableFuture<>();
      if (inFlight.get() == 0) {
        idle.complete(null);
      }
      return idle.completeOnTimeout(null, 3, TimeUnit.SECONDS);
    }
  }

  /**
   * Picks the key the form offers first: a seeded key whose value lookup cannot end in its first
   * round, because none of the α contacts the node would ask first holds the value. When no seed is
   * such a key, seeds up to {@code tries} more candidates until one is.
   */
  private CompletableFuture<Void> pickFirstKey(List<SeedValues.Seed> seeds, int tries) {
    for (SeedValues.Seed s : seeds) {
      if (firstRoundMisses(s.key())) {
        firstKey = s.key();
        return CompletableFuture.completedFuture(null);
      }
    }
    if (seeds.isEmpty() || tries == 0) {
      firstKey = seeds.isEmpty() ? null : seeds.get(0).key();
      return CompletableFuture.completedFuture(null);
    }
    List<String> used = seeded.stream().map(SeedValues.Seed::key).toList();
    List<SeedValues.Seed> next = SeedValues.choose(1, node.id(), networkIds(), k, used);
    if (next.isEmpty()) {
      firstKey = seeds.get(0).key();
      return CompletableFuture.completedFuture(null);
    }
    SeedValues.Seed extra = next.get(0);
    keys.remember(extra.key());
    List<SeedValues.Seed> more = new ArrayList<>(seeded);
    more.add(extra);
    seeded = List.copyOf(more);
    return local
        .seed(List.of(extra), k)
        .thenCompose(
            r -> {
              node.clearLocalStore();
              return pickFirstKey(List.of(extra), tries - 1);
            });
  }

  private boolean firstRoundMisses(String key) {
    NodeId id = NodeId.ofKey(key);
    if (node.localValue(id).isPresent()) {
      return false;
    }
    List<NodeId> holders = holdersOf(key);
    return !holders.isEmpty()
        && node.routingSnapshot().contacts().stream()
            .map(c -> c.contact().id())
            .sorted(id::compareDistance)
            .limit(node.alpha())
            .noneMatch(holders::contains);
  }

  /** The ids of the local network and of the window's node. */
  private List<NodeId> networkIds() {
    List<NodeId> all = new ArrayList<>(local.ids());
    all.add(node.id());
    return all;
  }

  private List<NodeId> holdersOf(String key) {
    NodeId id = NodeId.ofKey(key);
    return local.peers().stream()
        .filter(p -> p.localValue(id).isPresent())
        .map(KademliaNode::id)
        .toList();
  }

  /** The seeded key to offer first in the form (its first get takes two rounds or more). */
  public Optional<String> firstKey() {
    return Optional.ofNullable(firstKey);
  }

  /**
   * Joins the network of {@code seed}: pings it first, so that a seed that does not answer fails
   * the join even when the node already knows other contacts (those of the local network, say);
   * completes with the number of contacts known when the join's own lookup ended.
   */
  public CompletableFuture<Integer> join(InetSocketAddress seed) {
    if (sim != null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(
              "a simulated peer reaches only the simulated network: open a live one (Local peers"
                  + " or Join) from the Network panel to join a real network"));
    }
    if (seed.isUnresolved()) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("unknown host: " + seed.getHostString()));
    }
    if (mainline != null) {
      return mainline
          .engine()
          .ping(seed)
          .thenCompose(
              answer ->
                  answer.isPresent()
                      ? mainline.join(List.of(seed))
                      : CompletableFuture.failedFuture(noSeedAnswered(seed)));
    }
    return node.ping(seed)
        .thenCompose(
            answer ->
                answer.isPresent()
                    ? node.bootstrap(List.of(seed))
                    : CompletableFuture.failedFuture(noSeedAnswered(seed)));
  }

  private static RpcException noSeedAnswered(InetSocketAddress seed) {
    String at = seed.getAddress().getHostAddress() + ":" + seed.getPort();
    return new RpcException(
        "no seed answered: "
            + at
            + " sent no answer to a ping within "
            + Defaults.RPC_TIMEOUT.toSeconds()
            + " s. Check that a peer runs there and listens on UDP port "
            + seed.getPort()
            + ", that the port is mapped for UDP (a Docker container needs -p "
            + seed.getPort()
            + ":"
            + seed.getPort()
            + "/udp), and that no firewall drops UDP between you");
  }

  /**
   * Starts {@code count} more local peers, each joining through a running local peer. When none
   * runs, the new peers join one another first and the window's node joins them afterwards, as at
   * launch: joining through the window's node would hand each newcomer the contacts of peers
   * stopped before, still in its table, and cost it a timeout for each. Completes with the number
   * of local peers running, once they and the window's node have joined.
   */
  public CompletableFuture<Integer> addLocalPeers(int count) {
    if (local.running() > 0) {
      return local.add(count, local.anyAddress());
    }
    return local
        .add(count, Optional.empty())
        .thenCompose(
            running ->
                local.anyAddress().isEmpty()
                    ? CompletableFuture.completedFuture(running)
                    : node.bootstrap(List.of(local.anyAddress().get()))
                        .handle(
                            (n, e) -> {
                              if (e != null) {
                                log.warn("could not join the new local peers: {}", e.toString());
                              }
                              return local.running();
                            }));
  }

  /** The clock the window's node reads: virtual time on a simulated network. */
  public Clock clock() {
    return node.clock();
  }

  /** The window node's id. */
  public NodeId id() {
    return node.id();
  }

  /** The window node's address as bound ({@code 0.0.0.0:7123} when it listens everywhere). */
  public InetSocketAddress address() {
    return node.address();
  }

  /** The window node's routing table now. */
  public RoutingSnapshot routingSnapshot() {
    return node.routingSnapshot();
  }

  /** The values the window's node holds now. */
  public StoreSnapshot storeSnapshot() {
    return node.storeSnapshot();
  }

  /** The value the window's node holds under {@code key}, without asking the network. */
  public Optional<Value> localValue(NodeId key) {
    return node.localValue(key);
  }

  /** Forgets every value the window's node holds, so that its next get asks the network. */
  public void clearLocalStore() {
    node.clearLocalStore();
  }

  /**
   * Stores {@code value} under the SHA-1 of {@code key} on the k nodes closest to it.
   *
   * @throws IllegalArgumentException when the value cannot fit in one datagram
   */
  public CompletableFuture<SetResult> set(String key, Value value) {
    return onEngine(() -> node.set(key, value));
  }

  /** Deletes {@code key} as the course's {@code del} does: stores the empty string under it. */
  public CompletableFuture<SetResult> delete(String key) {
    return onEngine(() -> node.delete(key));
  }

  /**
   * Looks up the value under {@code key}: here first, then by a value lookup that hears the k
   * closest out, as {@link #lookupValueInNetwork} does.
   */
  public CompletableFuture<GetResult> lookupValue(NodeId key) {
    return onEngine(
        () ->
            node.localValue(key).isPresent()
                ? node.lookupValue(key)
                : node.lookupValueInNetwork(key, StopPolicy.AFTER_K_CLOSEST));
  }

  /**
   * Looks up the value under {@code key} by a value lookup, even when the node holds it, and hears
   * the k closest out ({@link StopPolicy#AFTER_K_CLOSEST}): the window shows the lookup reaching
   * the first holder and then every one of the k that hold the value (it is stored redundantly),
   * and any that hold another. A headless peer's get stops at the first value instead.
   */
  public CompletableFuture<GetResult> lookupValueInNetwork(NodeId key) {
    return onEngine(() -> node.lookupValueInNetwork(key, StopPolicy.AFTER_K_CLOSEST));
  }

  /** Looks up the k nodes closest to {@code target}. */
  public CompletableFuture<LookupResult> findNode(NodeId target) {
    return onEngine(() -> node.findNode(target));
  }

  /** Whether the window's node is a node of BitTorrent's Mainline DHT. */
  public boolean mainline() {
    return mainline != null;
  }

  /**
   * Puts {@code text} as an immutable item (BEP 44) on the k nodes closest to its target.
   *
   * @throws IllegalStateException when the node is not on the BitTorrent DHT
   * @throws IllegalArgumentException when the text is over 1000 bytes bencoded
   */
  public CompletableFuture<Results.ItemPut> putItem(String text) {
    return mainlineNode().putText(text);
  }

  /**
   * The target under which {@link #putItem} puts {@code text}: the SHA-1 of its bencoding.
   *
   * @throws IllegalArgumentException when the text is over 1000 bytes bencoded
   */
  public NodeId targetOfText(String text) {
    return MainlineNode.targetOfText(text);
  }

  /** Gets the immutable item under {@code target}. */
  public CompletableFuture<Results.ItemGot> getItem(NodeId target) {
    return mainlineNode().get(target);
  }

  /** Announces this host as a peer of {@code infoHash} on {@code port} (0: the node's own). */
  public CompletableFuture<Results.Announced> announce(NodeId infoHash, int port) {
    return mainlineNode().announce(infoHash, port);
  }

  /** Looks up the peers of {@code infoHash}. */
  public CompletableFuture<Results.PeersFound> peers(NodeId infoHash) {
    return mainlineNode().peers(infoHash);
  }

  private MainlineNode mainlineNode() {
    if (mainline == null) {
      throw new IllegalStateException(
          "put, announce and peers are the BitTorrent DHT's: join it from the Network panel");
    }
    return mainline;
  }

  /** The peers running in this process. */
  public LocalNetwork local() {
    return local;
  }

  /**
   * Keeps the lookup of {@code target} out of the lookup view: the many lookups of a crawl would
   * bury the user's own.
   */
  public void hideLookupsOf(NodeId target) {
    hidden.add(target);
  }

  /** Whether the lookup of {@code target} is kept out of the lookup view. */
  public boolean hidesLookupsOf(NodeId target) {
    return hidden.contains(target);
  }

  /** Names of the text keys seen. */
  public KeyNames keys() {
    return keys;
  }

  /** The bucket size of this window's node. */
  public int k() {
    return k;
  }

  /** What the window was launched onto. */
  public GuiLaunch launch() {
    return launch;
  }

  /**
   * Stops the local peers and the node; on a simulated network, the whole network unless it was
   * handed to another session.
   */
  @Override
  public void close() {
    local.stopAll();
    if (mainline != null) {
      mainline.stop();
      mainlineNetwork.close();
      return;
    }
    if (sim == null) {
      node.stop();
      return;
    }
    node.removeListener(simListener);
    node.removeListener(lookups);
    if (ownsSim) {
      sim.close();
    }
  }
}
