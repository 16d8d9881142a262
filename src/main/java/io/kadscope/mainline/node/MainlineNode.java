package io.kadscope.mainline.node;

import io.kadscope.engine.Contact;
import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.NodeState;
import io.kadscope.engine.Scheduler;
import io.kadscope.engine.Value;
import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.event.EngineListener;
import io.kadscope.engine.guard.Limits;
import io.kadscope.engine.guard.Refusal;
import io.kadscope.engine.guard.Refusals;
import io.kadscope.engine.lookup.LookupKind;
import io.kadscope.engine.lookup.LookupPurpose;
import io.kadscope.engine.lookup.LookupReply;
import io.kadscope.engine.lookup.LookupResult;
import io.kadscope.engine.lookup.StopPolicy;
import io.kadscope.engine.lookup.WriteToken;
import io.kadscope.engine.rpc.ItemData;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcException;
import io.kadscope.krpc.BBytes;
import io.kadscope.krpc.Bencoded;
import io.kadscope.krpc.Id160;
import io.kadscope.mainline.Ed25519;
import io.kadscope.mainline.ExternalAddressVoter;
import io.kadscope.mainline.Item;
import io.kadscope.mainline.MutableItem;
import io.kadscope.mainline.SecureNodeId;
import io.kadscope.mainline.TokenIssuer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node of BitTorrent's Mainline DHT (BEP 5, BEP 42, BEP 44), made of the engine's own parts: a
 * {@link KademliaNode} with k = 8 on a {@link MainlinePort}, whose server hands the DHT's own
 * requests to a {@link MainlineServer}, and whose lookups and writes run the protocol's queries
 * ({@link KademliaNode#lookup}, {@link KademliaNode#request}). This class adds what is the DHT's:
 * peers and items with write tokens, re-announcing and re-putting what it published, and a BEP 42
 * node id once its peers agree on its external address.
 *
 * <pre>{@code
 * MainlineNode node = MainlineNode.builder(network).bind(new InetSocketAddress(6881)).build();
 * node.start();
 * node.joinRouters().join();                          // or node.join(List.of(seed))
 * Results.ItemPut put = node.putText("hello").join();  // put.target(): SHA-1 of "5:hello"
 * Optional<String> text = node.get(put.target()).join().text();
 * }</pre>
 *
 * <p>BEP 42: a node's id should derive from its external address, which it learns from the {@code
 * ip} of its peers' answers. Once {@link ExternalAddressVoter} has a majority for an address this
 * node's id does not fit, the node takes a fitting id: it stops its engine, starts a new one with
 * the new id on the same port, and rejoins through the contacts it knew. Addresses that are not on
 * the internet (loopback, private) keep any id. Thread-safe; every operation returns a future.
 */
public final class MainlineNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MainlineNode.class);

  /** Nodes per bucket: BEP 5's K, "currently eight". */
  public static final int K = 8;

  /** The BitTorrent DHT's usual UDP port. */
  public static final int DEFAULT_PORT = 6881;

  /**
   * How long a query waits for its answer: shorter than the engine's 5 s, as many contacts of the
   * public DHT have left, and a lookup should move on from them.
   */
  public static final Duration RPC_TIMEOUT = Duration.ofSeconds(3);

  /** How often what this node announced is announced again: half an announce's 30 minutes. */
  public static final Duration REANNOUNCE_INTERVAL = PeerStore.LIFETIME.dividedBy(2);

  /** How often what this node put is put again: half of the 2 hours an item may be kept. */
  public static final Duration REPUT_INTERVAL = ItemStore.LIFETIME.dividedBy(2);

  /** How often stored peers and items expire and due announcements are made. */
  public static final Duration MAINTENANCE_TICK = Duration.ofMinutes(1);

  /**
   * What one address may make a node do: the engine's bounds ({@link Limits#DEFAULT}) with the
   * rates of the BitTorrent DHT, where one address is one peer and libtorrent blocks an address
   * that sends more than 5 queries a second. 50 requests a second after a burst of 250: a lookup
   * asks a node one query, and a client runs a few lookups at once, so an honest peer stays far
   * below. 5 writes ({@code announce_peer} and {@code put}) a second after a burst of 50: a client
   * announces each torrent to the 8 nodes closest to it every 30 minutes, so one node hears of few
   * of its torrents. Loopback is exempt, so that a local network on one machine works.
   */
  public static final Limits LIMITS = Limits.DEFAULT.withRequestRate(50, 250).withStoreRate(5, 50);

  /** The public DHT's well-known bootstrap nodes, which a join with no seed starts from. */
  public static final List<Router> ROUTERS =
      List.of(
          new Router("router.bittorrent.com", 6881),
          new Router("dht.transmissionbt.com", 6881),
          new Router("router.utorrent.com", 6881),
          new Router("dht.libtorrent.org", 25401));

  /** A bootstrap node by name, resolved when a join needs it. */
  public record Router(String host, int port) {
    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  private final MainlineNetwork network;
  private final Clock clock;
  private final Random random;
  private final Duration rpcTimeout;
  private final InetAddress bindHost;
  private final PeerStore peers;
  private final ItemStore items;
  private final MainlineServer server;
  private final Limits limits;
  private final Refusals writeRefusals;
  private final ExternalAddressVoter voter = new ExternalAddressVoter();
  private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();
  private final Map<NodeId, Announcement> announcements = new ConcurrentHashMap<>();
  private final Map<NodeId, Publication> publications = new ConcurrentHashMap<>();
  private final AtomicReference<InetAddress> external = new AtomicReference<>();
  private final NodeId initialId;
  private volatile KademliaNode engine;
  private volatile MainlinePort port;
  private volatile Scheduler.Cancellable tick;
  private volatile boolean running;
  private volatile boolean stopped;
  private volatile boolean joined;

  private record Announcement(int port, Instant at) {}

  private record Publication(Item item, Instant at) {}

  private MainlineNode(Builder b) {
    this.network = Objects.requireNonNull(b.network, "a MainlineNetwork is required");
    this.clock = b.clock;
    this.random = b.random;
    this.rpcTimeout = b.rpcTimeout;
    this.bindHost = b.bind.getAddress();
    this.peers = new PeerStore(clock);
    this.items = new ItemStore(clock);
    this.limits = b.limits;
    this.writeRefusals = new Refusals("mainline node", clock);
    this.server =
        new MainlineServer(
            peers, items, new TokenIssuer(clock, b.random), b.random, limits, clock, writeRefusals);
    this.listeners.addAll(b.listeners);
    this.initialId = b.id != null ? b.id : NodeId.random(b.random);
    this.engine = engine(initialId, b.bind, List.of());
  }

  /** A builder of nodes on {@code network}. */
  public static Builder builder(MainlineNetwork network) {
    return new Builder(network);
  }

  // ------------------------------------------------------------------ life cycle

  /** Starts answering, and the maintenance timer; call once. */
  public synchronized void start() {
    if (running || stopped) {
      return;
    }
    engine.start();
    running = true;
    tick = network.scheduler().scheduleEvery(MAINTENANCE_TICK, this::maintain);
  }

  private KademliaNode engine(NodeId id, InetSocketAddress bind, List<Contact> contacts) {
    MainlinePort port = network.open(bind, id);
    this.port = port;
    try {
      port.addressReports(this::reported);
      KademliaNode.Builder b =
          KademliaNode.builder()
              .id(id)
              .rpcPort(port)
              .scheduler(network.scheduler())
              .clock(clock)
              .random(random)
              .k(K)
              .rpcTimeout(rpcTimeout)
              .limits(limits)
              .refreshOnJoin(false)
              .extension(server)
              .listener(this::forward);
      if (!contacts.isEmpty()) {
        b.restore(new NodeState(id, contacts, List.of()));
      }
      return b.build();
    } catch (RuntimeException e) {
      port.close();
      throw e;
    }
  }

  private void forward(EngineEvent e) {
    for (EngineListener l : listeners) {
      try {
        l.onEvent(e);
      } catch (RuntimeException ex) {
        log.warn("An event listener failed on {}: {}", e.getClass().getSimpleName(), ex.toString());
      }
    }
  }

  /** Stops the timers and the engine, and closes the port; pending operations fail. */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    if (!running) {
      port.close(); // built, never started
      return;
    }
    running = false;
    Scheduler.Cancellable t = tick;
    if (t != null) {
      t.cancel();
    }
    engine.stop();
  }

  @Override
  public void close() {
    stop();
  }

  /** Whether the node has started and not stopped. */
  public boolean isRunning() {
    return running;
  }

  // ------------------------------------------------------------------ what it is

  /** The engine node running now (another one after the id changed, see the class doc). */
  public KademliaNode engine() {
    return engine;
  }

  /** This node's id now. */
  public NodeId id() {
    return engine.id();
  }

  /** The address this node listens on. */
  public InetSocketAddress address() {
    return engine().address();
  }

  /** The external address this node's peers agree on, once they do. */
  public Optional<InetAddress> externalAddress() {
    return Optional.ofNullable(external.get());
  }

  /** Peers held for others, over every info-hash. */
  public int peersHeld() {
    return peers.size();
  }

  /** Info-hashes with peers held for others. */
  public int infoHashesHeld() {
    return peers.infoHashes();
  }

  /** Announces and puts refused because their address wrote faster than its store rate. */
  public long writesRefused() {
    return writeRefusals.count(Refusal.STORE_RATE);
  }

  /** The bounds on what one address may make this node do. */
  public Limits limits() {
    return limits;
  }

  /** Items held for others. */
  public int itemsHeld() {
    return items.size();
  }

  /** Adds a listener for every later event, of this engine and of any that replaces it. */
  public void addListener(EngineListener l) {
    listeners.add(Objects.requireNonNull(l));
  }

  /** Removes a listener. */
  public void removeListener(EngineListener l) {
    listeners.remove(l);
  }

  // ------------------------------------------------------------------ joining

  /**
   * Joins the DHT through {@code seeds}: pings them, looks up this node's own id, and then takes a
   * BEP 42 id if the peers' answers call for one. Completes with the number of contacts known, or
   * exceptionally with {@link RpcException} when no seed answered.
   */
  public CompletableFuture<Integer> join(List<InetSocketAddress> seeds) {
    return engine()
        .bootstrap(seeds)
        .thenCompose(
            n -> {
              joined = true;
              return offTheLoop(this::idForExternalAddress)
                  .thenApply(rejoined -> engine().routingSnapshot().size());
            });
  }

  /**
   * Joins through the public DHT's {@link #ROUTERS}, those whose names resolve. Completes
   * exceptionally when none resolves or none answers.
   */
  public CompletableFuture<Integer> joinRouters() {
    List<InetSocketAddress> seeds = new ArrayList<>();
    List<String> unresolved = new ArrayList<>();
    for (Router r : ROUTERS) {
      try {
        seeds.add(new InetSocketAddress(InetAddress.getByName(r.host()), r.port()));
      } catch (UnknownHostException e) {
        unresolved.add(r.toString());
      }
    }
    if (!unresolved.isEmpty()) {
      log.info("Bootstrap routers that do not resolve (no DNS?): {}", unresolved);
    }
    if (seeds.isEmpty()) {
      return CompletableFuture.failedFuture(
          new RpcException(
              "no bootstrap router resolved (" + String.join(", ", unresolved) + "): no DNS?"));
    }
    return join(seeds);
  }

  // ------------------------------------------------------------------ BEP 42

  private void reported(InetSocketAddress reporter, InetSocketAddress seenAs) {
    Optional<InetAddress> winner = voter.vote(reporter.getAddress(), seenAs.getAddress());
    if (winner.isEmpty()) {
      return;
    }
    InetAddress before = external.getAndSet(winner.get());
    if (!winner.get().equals(before)) {
      log.info("Peers agree this node's external address is {}", winner.get().getHostAddress());
      if (joined && !fits(id(), winner.get())) {
        offTheLoop(this::idForExternalAddress);
      }
    }
  }

  /**
   * Runs {@code step} on the scheduler's thread: a new engine binds its port and waits for it,
   * which must not happen on the I/O thread that completed the future before.
   */
  private <T> CompletableFuture<T> offTheLoop(Supplier<CompletableFuture<T>> step) {
    CompletableFuture<T> out = new CompletableFuture<>();
    network
        .scheduler()
        .execute(
            () -> {
              try {
                step.get()
                    .whenComplete(
                        (v, err) -> {
                          if (err != null) {
                            out.completeExceptionally(err);
                          } else {
                            out.complete(v);
                          }
                        });
              } catch (RuntimeException e) {
                log.warn("Could not take a node id for the external address: {}", e.toString());
                out.completeExceptionally(e);
              }
            });
    return out;
  }

  private static boolean fits(NodeId id, InetAddress external) {
    return SecureNodeId.conforms(Id160.of(id.toBytes()), external);
  }

  /**
   * Takes an id that fits the external address the peers agree on, if it differs from this one's
   * and is on the internet: a new engine on the same port, rejoined through the old one's contacts.
   * Completes with whether the id changed.
   */
  private synchronized CompletableFuture<Boolean> idForExternalAddress() {
    InetAddress ext = external.get();
    KademliaNode old = engine;
    if (!running || ext == null || fits(old.id(), ext)) {
      return CompletableFuture.completedFuture(false);
    }
    NodeId id = NodeId.of(SecureNodeId.generate(ext, random).toByteArray());
    List<Contact> contacts = old.exportState().contacts();
    int port = old.address().getPort();
    log.info(
        "Taking the node id {} that fits the external address {} (BEP 42); was {}",
        id.toHex(),
        ext.getHostAddress(),
        old.id().toHex());
    old.stop();
    engine = engine(id, new InetSocketAddress(bindHost, port), contacts);
    engine.start();
    return engine.bootstrap(List.of()).handle((n, err) -> true);
  }

  // ------------------------------------------------------------------ peers

  /**
   * Looks up the peers of {@code infoHash}: a {@code get_peers} lookup that hears from the k
   * closest nodes and keeps every peer listed on the way, after those held here.
   */
  public CompletableFuture<Results.PeersFound> peers(NodeId infoHash) {
    KademliaNode e = engine();
    Set<InetSocketAddress> found =
        new LinkedHashSet<>(peers.peers(infoHash, PeerStore.MAX_PEERS_PER_INFO_HASH, random));
    return e.lookup(
            LookupKind.NODE,
            infoHash,
            LookupPurpose.PEERS,
            StopPolicy.AFTER_K_CLOSEST,
            new Request.GetPeers(e.id(), infoHash),
            (from, r) -> {
              Response.Peers p = (Response.Peers) r;
              synchronized (found) {
                found.addAll(p.peers());
              }
              return new LookupReply(p.contacts(), Optional.empty(), p.token());
            })
        .thenApply(
            r -> {
              synchronized (found) {
                return new Results.PeersFound(
                    infoHash, List.copyOf(found), r.answered().size(), r.lookupId());
              }
            });
  }

  /**
   * Announces this host as a peer of {@code infoHash} on {@code port} (0: the port this node's
   * queries come from, BEP 5's {@code implied_port}) to the k closest nodes, with their tokens;
   * announced again every {@link #REANNOUNCE_INTERVAL} while the node runs.
   */
  public CompletableFuture<Results.Announced> announce(NodeId infoHash, int port) {
    if (port < 0 || port > 0xffff) {
      throw new IllegalArgumentException("a port is 0..65535, found " + port);
    }
    announcements.put(infoHash, new Announcement(port, clock.instant()));
    return announceNow(infoHash, port);
  }

  private CompletableFuture<Results.Announced> announceNow(NodeId infoHash, int port) {
    KademliaNode e = engine();
    return e.lookup(
            LookupKind.NODE,
            infoHash,
            LookupPurpose.ANNOUNCE,
            StopPolicy.AFTER_K_CLOSEST,
            new Request.GetPeers(e.id(), infoHash),
            (from, r) -> {
              Response.Peers p = (Response.Peers) r;
              return new LookupReply(p.contacts(), Optional.empty(), p.token());
            })
        .thenCompose(
            r -> {
              if (isAmongClosest(e, infoHash, r)) {
                selfAsPeer(port).ifPresent(me -> peers.announce(infoHash, me));
              }
              return writeToClosest(
                  e,
                  r,
                  token -> new Request.AnnouncePeer(e.id(), infoHash, port, port == 0, token));
            })
        .thenApply(w -> new Results.Announced(infoHash, port, w.ok(), w.failed(), w.lookupId()));
  }

  // ------------------------------------------------------------------ items

  /**
   * Puts {@code text} as an immutable item (a bencoded byte string, as libtorrent's {@code
   * dht_put_immutable_item} does) on the k closest nodes to its target.
   *
   * @throws IllegalArgumentException when it is over 1000 bytes bencoded
   */
  public CompletableFuture<Results.ItemPut> putText(String text) {
    return put(Items.ofText(text));
  }

  /**
   * Puts {@code item} on the k closest nodes to its target, with their tokens; put again every
   * {@link #REPUT_INTERVAL} while the node runs.
   */
  public CompletableFuture<Results.ItemPut> put(Item item) {
    publications.put(Items.id(item.target()), new Publication(item, clock.instant()));
    return putNow(item);
  }

  private CompletableFuture<Results.ItemPut> putNow(Item item) {
    KademliaNode e = engine();
    NodeId target = Items.id(item.target());
    ItemData data = Items.data(item);
    return e.lookup(
            LookupKind.NODE,
            target,
            LookupPurpose.PUT,
            StopPolicy.AFTER_K_CLOSEST,
            new Request.GetItem(e.id(), target, OptionalLong.empty()),
            (from, r) -> {
              Response.ItemReply i = (Response.ItemReply) r;
              return new LookupReply(i.contacts(), Optional.empty(), i.token());
            })
        .thenCompose(
            r -> {
              if (isAmongClosest(e, target, r)) {
                items.put(item);
              }
              return writeToClosest(
                  e, r, token -> new Request.PutItem(e.id(), token, data, OptionalLong.empty()));
            })
        .thenApply(w -> new Results.ItemPut(target, w.ok(), w.failed(), w.lookupId()));
  }

  /**
   * Signs {@code value} with {@code keys} under {@code salt} at a sequence number one above the
   * highest the k closest nodes hold (1 when none holds one), and puts it there.
   */
  public CompletableFuture<Results.ItemPut> putMutable(KeyPair keys, BBytes salt, Bencoded value) {
    BBytes key = Ed25519.rawPublicKey(keys.getPublic());
    NodeId target = Items.id(MutableItem.targetOf(key, salt));
    return getMutable(target, salt)
        .thenCompose(
            got -> {
              long seq = got.item().map(i -> ((MutableItem) i).seq() + 1).orElse(1L);
              return put(MutableItem.sign(keys, salt, seq, value));
            });
  }

  /**
   * Gets the immutable item under {@code target}: held here, or found by a lookup that stops at the
   * first value that hashes to the target (a node answering with another counts as failed).
   */
  public CompletableFuture<Results.ItemGot> get(NodeId target) {
    return getItem(target, BBytes.EMPTY, StopPolicy.AT_FIRST_VALUE);
  }

  /**
   * Gets the mutable item under {@code target} (the SHA-1 of its key and {@code salt}): a lookup
   * that hears from the k closest nodes and keeps the verified item of the highest sequence number.
   */
  public CompletableFuture<Results.ItemGot> getMutable(NodeId target, BBytes salt) {
    return getItem(target, salt, StopPolicy.AFTER_K_CLOSEST);
  }

  private CompletableFuture<Results.ItemGot> getItem(NodeId target, BBytes salt, StopPolicy stop) {
    KademliaNode e = engine();
    Optional<Item> local = items.get(Items.target(target));
    if (local.isPresent() && stop == StopPolicy.AT_FIRST_VALUE) {
      return CompletableFuture.completedFuture(
          new Results.ItemGot(target, local, Optional.of(e.contact()), 0));
    }
    AtomicReference<Item> best = new AtomicReference<>(local.orElse(null));
    AtomicReference<Contact> holder = new AtomicReference<>(local.isPresent() ? e.contact() : null);
    return e.lookup(
            LookupKind.VALUE,
            target,
            LookupPurpose.GET,
            stop,
            new Request.GetItem(e.id(), target, OptionalLong.empty()),
            (from, r) -> {
              Response.ItemReply i = (Response.ItemReply) r;
              Optional<Item> item = Items.verified(target, salt, i);
              item.ifPresent(
                  found -> {
                    synchronized (best) {
                      if (best.get() == null || newer(found, best.get())) {
                        best.set(found);
                        holder.set(from);
                      }
                    }
                  });
              return new LookupReply(
                  i.contacts(), item.map(it -> (Value) Value.of(Items.text(it))), i.token());
            })
        .thenApply(
            r -> {
              synchronized (best) {
                return new Results.ItemGot(
                    target,
                    Optional.ofNullable(best.get()),
                    Optional.ofNullable(holder.get()),
                    r.lookupId());
              }
            });
  }

  private static boolean newer(Item a, Item b) {
    return a instanceof MutableItem ma && b instanceof MutableItem mb && ma.seq() > mb.seq();
  }

  /** An item's value as a person reads it: a byte string's text, else its bencoding. */
  public static String text(Item item) {
    return Items.text(item);
  }

  /**
   * The target of the immutable item holding {@code text}, as {@link #putText} puts it.
   *
   * @throws IllegalArgumentException when it is over 1000 bytes bencoded
   */
  public static NodeId targetOfText(String text) {
    return Items.id(Items.ofText(text).target());
  }

  // ------------------------------------------------------------------ writes with tokens

  /**
   * Whether this node is among the k closest to {@code target} that the lookup heard from, or the
   * lookup heard from fewer than k: then what is written there is kept here too, as the engine's
   * own {@code set} does, so that a small network keeps it where its lookups look.
   */
  private static boolean isAmongClosest(KademliaNode e, NodeId target, LookupResult r) {
    List<Contact> closest = r.closest();
    return closest.size() < e.k()
        || target.compareDistance(e.id(), closest.get(closest.size() - 1).id()) < 0;
  }

  /** This host as a peer on {@code port} (0: this node's port), when its address is known. */
  private Optional<InetSocketAddress> selfAsPeer(int port) {
    InetSocketAddress at = engine().address();
    int p = port == 0 ? at.getPort() : port;
    InetAddress ip = external.get() != null ? external.get() : at.getAddress();
    return ip.isAnyLocalAddress() ? Optional.empty() : Optional.of(new InetSocketAddress(ip, p));
  }

  private record Written(List<Contact> ok, List<Contact> failed, long lookupId) {}

  /** Sends {@code write}, with each contact's token, to the closest that answered the lookup. */
  private static CompletableFuture<Written> writeToClosest(
      KademliaNode e, LookupResult r, Function<WriteToken, Request> write) {
    List<Contact> contacts = new ArrayList<>();
    List<CompletableFuture<Boolean>> writes = new ArrayList<>();
    for (LookupResult.Answer a : r.answered()) {
      contacts.add(a.contact());
      writes.add(
          a.token().isEmpty()
              ? CompletableFuture.completedFuture(false)
              : e.request(a.contact(), write.apply(a.token().get()), r.lookupId())
                  .handle((resp, err) -> err == null));
    }
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              List<Contact> ok = new ArrayList<>();
              List<Contact> failed = new ArrayList<>();
              for (int i = 0; i < contacts.size(); i++) {
                (writes.get(i).join() ? ok : failed).add(contacts.get(i));
              }
              return new Written(ok, failed, r.lookupId());
            });
  }

  // ------------------------------------------------------------------ maintenance

  private void maintain() {
    if (!running) {
      return;
    }
    int peersGone = peers.expire();
    int itemsGone = items.expire();
    if (peersGone + itemsGone > 0) {
      log.debug("Expired {} peers and {} items held for others", peersGone, itemsGone);
    }
    Instant now = clock.instant();
    for (Map.Entry<NodeId, Announcement> a : announcements.entrySet()) {
      Announcement due = a.getValue();
      if (!due.at().isAfter(now.minus(REANNOUNCE_INTERVAL))
          && announcements.replace(a.getKey(), due, new Announcement(due.port(), now))) {
        announceNow(a.getKey(), due.port());
      }
    }
    for (Map.Entry<NodeId, Publication> p : publications.entrySet()) {
      Publication due = p.getValue();
      if (!due.at().isAfter(now.minus(REPUT_INTERVAL))
          && publications.replace(p.getKey(), due, new Publication(due.item(), now))) {
        putNow(due.item());
      }
    }
  }

  /**
   * Builds a {@link MainlineNode}; the network is required, every other option has a default: a
   * random id, {@code 0.0.0.0:6881}, the system clock, a {@link SecureRandom}.
   */
  public static final class Builder {
    private final MainlineNetwork network;
    private NodeId id;
    private InetSocketAddress bind = new InetSocketAddress(DEFAULT_PORT);
    private Clock clock = Clock.systemUTC();
    private Random random = new SecureRandom();
    private Duration rpcTimeout = RPC_TIMEOUT;
    private Limits limits = LIMITS;
    private final List<EngineListener> listeners = new ArrayList<>();

    private Builder(MainlineNetwork network) {
      this.network = network;
    }

    /** The first id (it changes when BEP 42 calls for another); random when not set. */
    public Builder id(NodeId id) {
      this.id = Objects.requireNonNull(id);
      return this;
    }

    /** Where to listen (port 0 picks a free one); {@code 0.0.0.0:6881} by default. */
    public Builder bind(InetSocketAddress bind) {
      if (bind.isUnresolved()) {
        throw new IllegalArgumentException("a bind address is an IP address, found " + bind);
      }
      this.bind = bind;
      return this;
    }

    /** The clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** The source of ids, tokens' secrets and choices among peers. */
    public Builder random(Random random) {
      this.random = Objects.requireNonNull(random);
      return this;
    }

    /** How long a query waits for its answer, {@link #RPC_TIMEOUT} by default. */
    public Builder rpcTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the RPC timeout must be positive, found " + timeout);
      }
      this.rpcTimeout = timeout;
      return this;
    }

    /** What one address may make the node do; {@link #LIMITS} by default. */
    public Builder limits(Limits limits) {
      this.limits = Objects.requireNonNull(limits);
      return this;
    }

    /** A listener that sees every event from the start. */
    public Builder listener(EngineListener l) {
      this.listeners.add(Objects.requireNonNull(l));
      return this;
    }

    /**
     * The node, its port open but not yet started.
     *
     * @throws java.io.UncheckedIOException when the address cannot be bound (the message names it)
     */
    public MainlineNode build() {
      return new MainlineNode(this);
    }
  }
}
