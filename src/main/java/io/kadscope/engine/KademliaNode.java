package io.kadscope.engine;

import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.event.EngineListener;
import io.kadscope.engine.lookup.Lookup;
import io.kadscope.engine.lookup.LookupKind;
import io.kadscope.engine.lookup.LookupResult;
import io.kadscope.engine.routing.BucketSnapshot;
import io.kadscope.engine.routing.RoutingSnapshot;
import io.kadscope.engine.routing.RoutingTable;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcException;
import io.kadscope.engine.rpc.RpcPort;
import io.kadscope.engine.rpc.RpcStats;
import io.kadscope.engine.rpc.RpcTimeoutException;
import io.kadscope.engine.store.StoreSnapshot;
import io.kadscope.engine.store.StoredValue;
import io.kadscope.engine.store.ValueStore;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kademlia node: the engine's one public entry point. Built with {@link #builder()}, bound to a
 * network through an {@link RpcPort}, timed by an injected {@link Clock} and {@link Scheduler}.
 *
 * <pre>{@code
 * KademliaNode node = KademliaNode.builder().rpcPort(port).scheduler(scheduler).build();
 * node.start();
 * node.bootstrap(List.of(seed)).join();
 * node.set("greeting", Value.of("hello world")).join();
 * Optional<Value> v = node.get("greeting").join();
 * }</pre>
 *
 * <p>Thread-safe. Every method that talks to the network returns a future and never blocks; futures
 * complete on the port's I/O thread or the scheduler's, so callers must not block there.
 */
public final class KademliaNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KademliaNode.class);

  private final NodeId id;
  private final RpcPort port;
  private final Clock clock;
  private final Scheduler scheduler;
  private final int k;
  private final int alpha;
  private final Duration rpcTimeout;
  private final Random random;
  private final RoutingTable routing;
  private final ValueStore store = new ValueStore();
  private final ConcurrentHashMap<NodeId, Publication> publications = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<EngineListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong rpcSeq = new AtomicLong();
  private final AtomicLong lookupSeq = new AtomicLong();
  private final List<Contact> restoredContacts;
  private final boolean refreshOnJoin;
  private volatile Scheduler.Cancellable maintenance;
  private volatile boolean running;

  private record Publication(Value value, Instant publishedAt) {}

  private KademliaNode(Builder b) {
    this.port = Objects.requireNonNull(b.port, "an RpcPort is required");
    this.scheduler = Objects.requireNonNull(b.scheduler, "a Scheduler is required");
    this.clock = b.clock;
    this.random = b.random;
    this.k = b.k;
    this.alpha = b.alpha;
    this.rpcTimeout = b.rpcTimeout;
    this.id = b.restore != null ? b.restore.id() : (b.id != null ? b.id : NodeId.random(random));
    this.listeners.addAll(b.listeners);
    this.routing =
        new RoutingTable(id, k, b.maxFailures, Defaults.SPLIT_DEPTH_MODULUS, clock, this::publish);
    this.restoredContacts = b.restore != null ? b.restore.contacts() : List.of();
    this.refreshOnJoin = b.refreshOnJoin;
    if (b.restore != null) {
      b.restore.values().forEach(store::restore);
      for (StoredValue v : b.restore.values()) {
        if (v.original()) {
          publications.put(v.key(), new Publication(v.value(), v.republishedAt()));
        }
      }
      for (StoredValue v : b.restore.published()) {
        publications.put(v.key(), new Publication(v.value(), v.republishedAt()));
      }
    }
  }

  /** A builder with the defaults of {@link Defaults}. */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------- life cycle

  /** Starts answering requests and the maintenance timer. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    port.serve(this::handle);
    maintenance = scheduler.scheduleEvery(Defaults.MAINTENANCE_TICK, this::maintain);
    publish(new EngineEvent.NodeStarted(clock.instant(), id, port.localAddress()));
  }

  /** Stops the timers and closes the port; pending operations fail. */
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    Scheduler.Cancellable m = maintenance;
    if (m != null) {
      m.cancel();
    }
    port.close();
    publish(new EngineEvent.NodeStopped(clock.instant(), id));
  }

  @Override
  public void close() {
    stop();
  }

  /** Whether the node has started and not stopped. */
  public boolean isRunning() {
    return running;
  }

  // ---------------------------------------------------------------- accessors

  /** This node's id. */
  public NodeId id() {
    return id;
  }

  /** The address this node listens on. */
  public InetSocketAddress address() {
    return port.localAddress();
  }

  /** This node as a contact. */
  public Contact contact() {
    return new Contact(id, port.localAddress());
  }

  /** The bucket size and replication factor. */
  public int k() {
    return k;
  }

  /** Requests in flight per lookup. */
  public int alpha() {
    return alpha;
  }

  /** The clock this node reads. */
  public Clock clock() {
    return clock;
  }

  /** An immutable copy of the routing table. */
  public RoutingSnapshot routingSnapshot() {
    return routing.snapshot();
  }

  /** An immutable copy of the values this node holds. */
  public StoreSnapshot storeSnapshot() {
    return new StoreSnapshot(clock.instant(), store.entries());
  }

  /** The value this node itself holds under {@code key}, without asking the network. */
  public Optional<Value> localValue(NodeId key) {
    return store.get(key);
  }

  /** Forgets every value held here (values this node published are still republished). */
  public void clearLocalStore() {
    store.clear();
  }

  /** What the port has received and dropped. */
  public RpcStats rpcStats() {
    return port.stats();
  }

  /** The node's id, contacts, held values and published values, for saving. */
  public NodeState exportState() {
    List<StoredValue> published = new ArrayList<>();
    for (var e : publications.entrySet()) {
      if (store.entry(e.getKey()).isEmpty()) {
        Publication p = e.getValue();
        published.add(
            new StoredValue(e.getKey(), p.value(), p.publishedAt(), true, p.publishedAt()));
      }
    }
    return new NodeState(id, routing.contacts(), store.entries(), published);
  }

  /** Adds a listener for every later event. */
  public void addListener(EngineListener l) {
    listeners.add(Objects.requireNonNull(l));
  }

  /** Removes a listener. */
  public void removeListener(EngineListener l) {
    listeners.remove(l);
  }

  // ---------------------------------------------------------------- operations

  /**
   * Joins a network: pings each seed to learn its id, looks up this node's own id to fill the
   * table, then refreshes the buckets farther than the closest neighbour (paper 2.3). Contacts
   * restored from a saved state are tried as seeds too. Completes with the number of contacts
   * known, or exceptionally with {@link RpcException} when no seed answered.
   */
  public CompletableFuture<Integer> bootstrap(List<InetSocketAddress> seeds) {
    List<InetSocketAddress> all = new ArrayList<>(seeds);
    for (Contact c : restoredContacts) {
      if (!all.contains(c.address())) {
        all.add(c.address());
      }
    }
    List<CompletableFuture<Optional<NodeId>>> pings = new ArrayList<>();
    for (InetSocketAddress s : all) {
      if (s.equals(port.localAddress())) {
        continue;
      }
      pings.add(pingWithRetries(s, Defaults.BOOTSTRAP_PING_ATTEMPTS));
    }
    return CompletableFuture.allOf(pings.toArray(CompletableFuture[]::new))
        .thenCompose(
            v -> {
              if (routing.size() == 0) {
                return CompletableFuture.failedFuture(
                    new RpcException(
                        "no seed answered "
                            + Defaults.BOOTSTRAP_PING_ATTEMPTS
                            + " pings within "
                            + rpcTimeout.toMillis()
                            + " ms: "
                            + all));
              }
              return lookup(LookupKind.NODE, id, "join");
            })
        .thenApply(
            r -> {
              if (refreshOnJoin) {
                refreshFartherThan(r.closest());
              }
              return routing.size();
            });
  }

  /**
   * Pings a seed up to {@code attempts} times, each waiting a share of the RPC timeout, so that a
   * lost datagram costs a retry and a dead seed costs one timeout in all.
   */
  private CompletableFuture<Optional<NodeId>> pingWithRetries(InetSocketAddress s, int attempts) {
    Duration share = rpcTimeout.dividedBy(Defaults.BOOTSTRAP_PING_ATTEMPTS);
    return ping(s, share)
        .thenCompose(
            r ->
                r.isPresent() || attempts <= 1
                    ? CompletableFuture.completedFuture(r)
                    : pingWithRetries(s, attempts - 1));
  }

  /** Pings an address; completes with the id that answered, or empty when none answered in time. */
  public CompletableFuture<Optional<NodeId>> ping(InetSocketAddress address) {
    return ping(address, rpcTimeout);
  }

  private CompletableFuture<Optional<NodeId>> ping(InetSocketAddress address, Duration timeout) {
    return rpc(address, Optional.empty(), new Request.Ping(id), 0, timeout)
        .handle(
            (r, err) ->
                err == null && r instanceof Response.PingReply p
                    ? Optional.of(p.responder())
                    : Optional.empty());
  }

  /** Stores {@code value} under the SHA-1 of {@code key}. */
  public CompletableFuture<SetResult> set(String key, Value value) {
    return set(NodeId.ofKey(key), value);
  }

  /**
   * Stores {@code value} on the k nodes closest to {@code key}, and here too when this node is
   * among them. With no contacts at all the value is held here only.
   *
   * @throws IllegalArgumentException when the value cannot fit in one datagram
   */
  public CompletableFuture<SetResult> set(NodeId key, Value value) {
    checkSize(value);
    publications.put(key, new Publication(value, clock.instant()));
    return storeOnClosest(key, value, "set", true);
  }

  /** Stores the empty string under {@code key}, as the course's {@code del} does. */
  public CompletableFuture<SetResult> delete(String key) {
    return set(key, Value.of(""));
  }

  /** The value under the SHA-1 of {@code key}: from local storage, else by a value lookup. */
  public CompletableFuture<Optional<Value>> get(String key) {
    return lookupValue(NodeId.ofKey(key)).thenApply(GetResult::value);
  }

  /**
   * Looks up a value: local storage first, then a value lookup that stops at the first holder and
   * caches the value at the closest node on the path that did not have it.
   */
  public CompletableFuture<GetResult> lookupValue(NodeId key) {
    Optional<Value> local = store.get(key);
    if (local.isPresent()) {
      return CompletableFuture.completedFuture(new GetResult(key, local, true, Optional.empty()));
    }
    return lookupValueInNetwork(key);
  }

  /**
   * Looks up a value by a value lookup even when this node holds one itself (to watch the lookup,
   * or to compare the network's copy with this node's); caches it as {@link #lookupValue} does.
   */
  public CompletableFuture<GetResult> lookupValueInNetwork(NodeId key) {
    Lookup lookup = newLookup(LookupKind.VALUE, key, "get");
    long lookupId = lookup.id();
    Instant started = clock.instant();
    return lookup
        .run()
        .thenApply(
            r -> {
              finished(r, started);
              r.value()
                  .ifPresent(
                      v ->
                          lookup
                              .closestWithoutValue()
                              .ifPresent(
                                  c ->
                                      rpc(
                                          c.address(),
                                          Optional.of(c.id()),
                                          new Request.Store(id, key, v),
                                          lookupId)));
              return new GetResult(key, r.value(), false, Optional.of(r));
            });
  }

  /** Finds the k nodes closest to {@code target}. */
  public CompletableFuture<LookupResult> findNode(NodeId target) {
    return lookup(LookupKind.NODE, target, "find_node");
  }

  // ---------------------------------------------------------------- internals: operations

  private void checkSize(Value value) {
    int size = value.encodedSizeBound();
    if (size > Defaults.MAX_VALUE_BYTES) {
      throw new IllegalArgumentException(
          "value too large: "
              + size
              + " bytes encoded; a store datagram holds at most "
              + Defaults.MAX_VALUE_BYTES
              + " bytes of value ("
              + Defaults.MAX_BODY_BYTES
              + "-byte body limit of the wire protocol)");
    }
  }

  private CompletableFuture<SetResult> storeOnClosest(
      NodeId key, Value value, String purpose, boolean original) {
    if (routing.size() == 0) {
      storeLocally(key, value, original, Optional.empty());
      return CompletableFuture.completedFuture(new SetResult(key, List.of(), List.of(), true, 0));
    }
    return lookup(LookupKind.NODE, key, purpose)
        .thenCompose(
            r -> {
              List<Contact> closest = r.closest();
              boolean here =
                  closest.size() < k
                      || key.compareDistance(id, closest.get(closest.size() - 1).id()) < 0;
              if (here) {
                storeLocally(key, value, original, Optional.empty());
              }
              List<CompletableFuture<Boolean>> stores = new ArrayList<>();
              for (Contact c : closest) {
                stores.add(
                    rpc(
                            c.address(),
                            Optional.of(c.id()),
                            new Request.Store(id, key, value),
                            r.lookupId())
                        .handle(
                            (resp, err) ->
                                err == null
                                    && resp instanceof Response.StoreReply s
                                    && s.stored()));
              }
              return CompletableFuture.allOf(stores.toArray(CompletableFuture[]::new))
                  .thenApply(
                      v -> {
                        List<Contact> ok = new ArrayList<>();
                        List<Contact> failed = new ArrayList<>();
                        for (int i = 0; i < closest.size(); i++) {
                          (stores.get(i).join() ? ok : failed).add(closest.get(i));
                        }
                        return new SetResult(key, ok, failed, here, r.lookupId());
                      });
            });
  }

  private void storeLocally(NodeId key, Value value, boolean original, Optional<Contact> from) {
    store.put(key, value, clock.instant(), original);
    publish(new EngineEvent.ValueStored(clock.instant(), id, key, value, from));
  }

  private CompletableFuture<LookupResult> lookup(LookupKind kind, NodeId target, String purpose) {
    Instant started = clock.instant();
    return newLookup(kind, target, purpose).run().thenApply(r -> finished(r, started));
  }

  /**
   * A lookup from the k closest contacts known, announced by a LookupStarted event; its RPCs are
   * {@code find_node} or {@code find_value} by kind.
   */
  private Lookup newLookup(LookupKind kind, NodeId target, String purpose) {
    long lookupId = lookupSeq.incrementAndGet();
    List<Contact> initial = routing.closest(target, k, null);
    routing.touch(target);
    publish(
        new EngineEvent.LookupStarted(
            clock.instant(), id, lookupId, kind, target, purpose, initial));
    Request request =
        kind == LookupKind.VALUE
            ? new Request.FindValue(id, target)
            : new Request.FindNode(id, target);
    return new Lookup(
        lookupId,
        kind,
        target,
        id,
        k,
        alpha,
        initial,
        c -> rpc(c.address(), Optional.of(c.id()), request, lookupId),
        observer(lookupId),
        clock);
  }

  private LookupResult finished(LookupResult r, Instant started) {
    publish(
        new EngineEvent.LookupFinished(
            clock.instant(),
            id,
            r.lookupId(),
            r.kind(),
            r.target(),
            r.closest(),
            r.value(),
            r.rpcs(),
            r.rounds(),
            Duration.between(started, clock.instant())));
    return r;
  }

  private Lookup.Observer observer(long lookupId) {
    return new Lookup.Observer() {
      @Override
      public void step(
          int seq,
          int round,
          Contact queried,
          List<Contact> returned,
          Optional<Value> value,
          boolean failed,
          Duration latency,
          int bestPrefix) {
        publish(
            new EngineEvent.LookupStep(
                clock.instant(),
                id,
                lookupId,
                seq,
                round,
                queried,
                returned,
                value,
                failed,
                latency,
                bestPrefix));
      }
    };
  }

  /** Looks up a random id in every bucket farther than the closest neighbour (paper 2.3). */
  private void refreshFartherThan(List<Contact> closest) {
    if (closest.isEmpty()) {
      return;
    }
    int nearest = closest.get(0).id().sharedPrefixLength(id);
    for (BucketSnapshot b : routing.snapshot().buckets()) {
      if (!b.containsSelf() && b.index() < nearest) {
        NodeId target = NodeId.randomWithPrefix(b.prefix(), b.depth(), random);
        lookup(LookupKind.NODE, target, "refresh");
      }
    }
  }

  // ---------------------------------------------------------------- internals: RPCs

  /**
   * Sends one request, publishes its events, and keeps the routing table in step: an answer marks
   * the contact alive, a timeout counts one failure against it.
   */
  private CompletableFuture<Response> rpc(
      InetSocketAddress to, Optional<NodeId> toId, Request request, long lookupId) {
    return rpc(to, toId, request, lookupId, rpcTimeout);
  }

  private CompletableFuture<Response> rpc(
      InetSocketAddress to,
      Optional<NodeId> toId,
      Request request,
      long lookupId,
      Duration timeout) {
    long rpcId = rpcSeq.incrementAndGet();
    Instant sent = clock.instant();
    publish(new EngineEvent.RpcSent(sent, id, rpcId, request.rpcName(), to, toId, lookupId));
    CompletableFuture<Response> f;
    try {
      f = port.send(to, request, timeout);
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    return f.handle(
        (resp, err) -> {
          Duration latency = Duration.between(sent, clock.instant());
          if (err == null && !matches(request, resp)) {
            err =
                new RpcException(
                    "unexpected "
                        + resp.getClass().getSimpleName()
                        + " from "
                        + to
                        + " in answer to "
                        + request.rpcName());
          }
          if (err != null) {
            Throwable cause = Futures.unwrap(err);
            boolean timedOut = cause instanceof RpcTimeoutException;
            publish(
                new EngineEvent.RpcFailed(
                    clock.instant(),
                    id,
                    rpcId,
                    request.rpcName(),
                    to,
                    latency,
                    String.valueOf(cause.getMessage()),
                    timedOut,
                    lookupId));
            toId.ifPresent(
                nid -> routing.failed(new Contact(nid, to), String.valueOf(cause.getMessage())));
            throw cause instanceof RuntimeException re ? re : new CompletionException(cause);
          }
          publish(
              new EngineEvent.RpcAnswered(
                  clock.instant(),
                  id,
                  rpcId,
                  request.rpcName(),
                  to,
                  latency,
                  summary(resp),
                  lookupId));
          NodeId answeredBy =
              resp instanceof Response.PingReply p ? p.responder() : toId.orElse(null);
          if (answeredBy != null) {
            if (toId.isPresent() && !toId.get().equals(answeredBy)) {
              routing.remove(new Contact(toId.get(), to), "address now answers with another id");
            }
            seen(new Contact(answeredBy, to), latency);
          }
          return resp;
        });
  }

  private static boolean matches(Request req, Response resp) {
    if (req instanceof Request.Ping) {
      return resp instanceof Response.PingReply;
    } else if (req instanceof Request.Store) {
      return resp instanceof Response.StoreReply;
    } else if (req instanceof Request.FindNode) {
      return resp instanceof Response.Nodes;
    } else if (req instanceof Request.FindValue) {
      return resp instanceof Response.Nodes || resp instanceof Response.FoundValue;
    }
    return resp instanceof Response.StunReply;
  }

  private static String summary(Response r) {
    if (r instanceof Response.PingReply p) {
      return "id " + p.responder().shortHex(8);
    } else if (r instanceof Response.StoreReply s) {
      return s.stored() ? "stored" : "refused";
    } else if (r instanceof Response.Nodes n) {
      return n.contacts().size() + " contacts";
    } else if (r instanceof Response.FoundValue v) {
      return "value (" + v.value().typeName() + ")";
    }
    Response.StunReply s = (Response.StunReply) r;
    return s.host() + ":" + s.port();
  }

  /** A contact proved alive: update the table, ping a full bucket's head, welcome a newcomer. */
  private void seen(Contact c, Duration rtt) {
    RoutingTable.Seen s = routing.seen(c, rtt);
    s.pingHead()
        .ifPresent(head -> rpc(head.address(), Optional.of(head.id()), new Request.Ping(id), 0));
    if (s.outcome() == RoutingTable.Outcome.ADDED && store.size() > 0) {
      // Off the I/O thread: deciding which values a newcomer gets walks the whole store.
      scheduler.execute(() -> welcome(c));
    }
  }

  /**
   * Hands a new contact the values it should now hold (paper 2.5): a key goes to the newcomer when
   * this node is the closest to it of all it knows (so that one holder, not k, sends it) and the
   * newcomer falls among the k closest. The first test needs one bucket of the table, so a node
   * holding many values pays little per newcomer.
   */
  private void welcome(Contact newcomer) {
    if (store.size() == 0) {
      return;
    }
    for (StoredValue v : store.values()) {
      NodeId key = v.key();
      List<Contact> nearest = routing.closest(key, 1, newcomer.id());
      if (!nearest.isEmpty() && key.compareDistance(id, nearest.get(0).id()) >= 0) {
        continue;
      }
      List<Contact> neighbours = routing.closest(key, k, newcomer.id());
      boolean newcomerClose =
          neighbours.size() < k
              || key.compareDistance(newcomer.id(), neighbours.get(neighbours.size() - 1).id()) < 0;
      if (newcomerClose) {
        rpc(
            newcomer.address(),
            Optional.of(newcomer.id()),
            new Request.Store(id, key, v.value()),
            0);
      }
    }
  }

  // ---------------------------------------------------------------- internals: serving

  private Response handle(InetSocketAddress from, Request request) {
    if (!running) {
      return null;
    }
    NodeId sender = request.sender();
    Optional<Contact> contact = Optional.empty();
    if (sender != null && !sender.equals(id)) {
      contact = Optional.of(new Contact(sender, from));
      seen(contact.get(), null);
    }
    publish(
        new EngineEvent.RpcReceived(
            clock.instant(), id, request.rpcName(), from, Optional.ofNullable(sender)));
    if (request instanceof Request.Ping) {
      return new Response.PingReply(id);
    } else if (request instanceof Request.Store s) {
      storeLocally(s.key(), s.value(), false, contact);
      return new Response.StoreReply(true);
    } else if (request instanceof Request.FindNode f) {
      return new Response.Nodes(routing.closest(f.target(), k, sender));
    } else if (request instanceof Request.FindValue f) {
      Optional<Value> v = store.get(f.key());
      return v.isPresent()
          ? new Response.FoundValue(v.get())
          : new Response.Nodes(routing.closest(f.key(), k, sender));
    }
    return new Response.StunReply(from.getAddress().getHostAddress(), from.getPort());
  }

  // ---------------------------------------------------------------- internals: maintenance

  /** Expires, republishes and refreshes; runs every {@link Defaults#MAINTENANCE_TICK}. */
  private void maintain() {
    if (!running) {
      return;
    }
    Instant now = clock.instant();
    for (StoredValue v : store.expire(now, Defaults.EXPIRY)) {
      log.debug("value {} expired", v.key());
      publish(new EngineEvent.ValueExpired(now, id, v.key()));
    }
    for (StoredValue v : store.dueForReplicate(now, Defaults.REPLICATE_INTERVAL)) {
      republish(v.key(), v.value(), false);
    }
    for (var e : publications.entrySet()) {
      Publication p = e.getValue();
      if (!p.publishedAt().isAfter(now.minus(Defaults.REPUBLISH_INTERVAL))
          && publications.replace(e.getKey(), p, new Publication(p.value(), now))) {
        republish(e.getKey(), p.value(), true);
      }
    }
    for (BucketSnapshot b : routing.staleBuckets(now.minus(Defaults.REFRESH_INTERVAL))) {
      lookup(LookupKind.NODE, NodeId.randomWithPrefix(b.prefix(), b.depth(), random), "refresh");
    }
  }

  private void republish(NodeId key, Value value, boolean original) {
    storeOnClosest(key, value, "republish", original)
        .thenAccept(
            r ->
                publish(
                    new EngineEvent.ValueRepublished(
                        clock.instant(), id, key, r.storedOn().size())));
  }

  private void publish(EngineEvent e) {
    for (EngineListener l : listeners) {
      try {
        l.onEvent(e);
      } catch (RuntimeException ex) {
        log.warn("An event listener failed on {}: {}", e.getClass().getSimpleName(), ex.toString());
      }
    }
  }

  /** Builds a {@link KademliaNode}; an {@link RpcPort} and a {@link Scheduler} are required. */
  public static final class Builder {
    private NodeId id;
    private RpcPort port;
    private Clock clock = Clock.systemUTC();
    private Scheduler scheduler;
    private int k = Defaults.K;
    private int alpha = Defaults.ALPHA;
    private Duration rpcTimeout = Defaults.RPC_TIMEOUT;
    private int maxFailures = Defaults.MAX_FAILURES;
    private Random random = new SecureRandom();
    private NodeState restore;
    private boolean refreshOnJoin = true;
    private final List<EngineListener> listeners = new ArrayList<>();

    private Builder() {}

    /** The node's id; random when not set. */
    public Builder id(NodeId id) {
      this.id = id;
      return this;
    }

    /** The network. */
    public Builder rpcPort(RpcPort port) {
      this.port = port;
      return this;
    }

    /** The clock; the system's UTC clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** Where timers run. */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /** Bucket size and replication factor, default {@link Defaults#K}. */
    public Builder k(int k) {
      if (k < 1) {
        throw new IllegalArgumentException("k must be at least 1, found " + k);
      }
      this.k = k;
      return this;
    }

    /** Requests in flight per lookup, default {@link Defaults#ALPHA}. */
    public Builder alpha(int alpha) {
      if (alpha < 1) {
        throw new IllegalArgumentException("alpha must be at least 1, found " + alpha);
      }
      this.alpha = alpha;
      return this;
    }

    /** How long a request waits for its answer, default {@link Defaults#RPC_TIMEOUT}. */
    public Builder rpcTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the RPC timeout must be positive, found " + timeout);
      }
      this.rpcTimeout = timeout;
      return this;
    }

    /** Consecutive failures before a contact is dropped, default {@link Defaults#MAX_FAILURES}. */
    public Builder maxFailures(int maxFailures) {
      if (maxFailures < 1) {
        throw new IllegalArgumentException("maxFailures must be at least 1, found " + maxFailures);
      }
      this.maxFailures = maxFailures;
      return this;
    }

    /** The source of random ids and refresh targets. */
    public Builder random(Random random) {
      this.random = Objects.requireNonNull(random);
      return this;
    }

    /**
     * Whether a join ends by refreshing every bucket farther than the closest neighbour (paper 2.3;
     * on by default). Off, a node joins as the Python package's does: it knows its own
     * neighbourhood and learns the rest of the network from later traffic and hourly refreshes.
     */
    public Builder refreshOnJoin(boolean refresh) {
      this.refreshOnJoin = refresh;
      return this;
    }

    /** Comes back as a saved node: its id, values, and contacts to rejoin through. */
    public Builder restore(NodeState state) {
      this.restore = state;
      return this;
    }

    /** Adds a listener that sees every event from the start. */
    public Builder listener(EngineListener listener) {
      this.listeners.add(Objects.requireNonNull(listener));
      return this;
    }

    /** Builds the node (not yet started). */
    public KademliaNode build() {
      return new KademliaNode(this);
    }
  }
}
