package io.kadscope.engine;

import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.event.EngineListener;
import io.kadscope.engine.guard.Limits;
import io.kadscope.engine.guard.Refusals;
import io.kadscope.engine.lookup.LookupKind;
import io.kadscope.engine.lookup.LookupPurpose;
import io.kadscope.engine.lookup.LookupResult;
import io.kadscope.engine.lookup.StopPolicy;
import io.kadscope.engine.routing.RoutingSnapshot;
import io.kadscope.engine.routing.RoutingTable;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcException;
import io.kadscope.engine.rpc.RpcKind;
import io.kadscope.engine.rpc.RpcPort;
import io.kadscope.engine.rpc.RpcStats;
import io.kadscope.engine.store.StoreSnapshot;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

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
 * complete on the port's I/O thread or the scheduler's, so callers must not block there. The work
 * is done by collaborators that {@code NodeAssembly} builds and wires together, and this facade
 * calls (see the package documentation).
 */
public final class KademliaNode implements AutoCloseable {
  private final NodeAssembly parts;
  private volatile Scheduler.Cancellable maintenance;
  private volatile boolean running;
  private boolean portClosed;

  private KademliaNode(Builder b) {
    this.parts = new NodeAssembly(b, this::isRunning);
  }

  /** A builder with the defaults of {@link Defaults}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts answering requests and the maintenance timer. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    parts.port.serve(parts.server);
    maintenance = parts.scheduler.scheduleEvery(Defaults.MAINTENANCE_TICK, this::maintain);
    parts.listeners.accept(
        new EngineEvent.NodeStarted(parts.clock.instant(), parts.id, parts.port.localAddress()));
  }

  /**
   * Stops the timers and closes the port; pending operations fail. A node that was never started (a
   * probe that only pings) has its port closed too.
   */
  public synchronized void stop() {
    if (!running) {
      if (!portClosed) {
        portClosed = true;
        parts.port.close();
      }
      return;
    }
    running = false;
    portClosed = true;
    Scheduler.Cancellable m = maintenance;
    if (m != null) {
      m.cancel();
    }
    parts.port.close();
    parts.listeners.accept(new EngineEvent.NodeStopped(parts.clock.instant(), parts.id));
  }

  @Override
  public void close() {
    stop();
  }

  /** Whether the node has started and not stopped. */
  public boolean isRunning() {
    return running;
  }

  private void maintain() {
    if (running) {
      parts.replication.maintain();
    }
  }

  /** This node's id. */
  public NodeId id() {
    return parts.id;
  }

  /** The address this node listens on. */
  public InetSocketAddress address() {
    return parts.port.localAddress();
  }

  /** This node as a contact. */
  public Contact contact() {
    return new Contact(parts.id, parts.port.localAddress());
  }

  /** The bucket size and replication factor. */
  public int k() {
    return parts.k;
  }

  /** Requests in flight per lookup. */
  public int alpha() {
    return parts.alpha;
  }

  /** The clock this node reads. */
  public Clock clock() {
    return parts.clock;
  }

  /** An immutable copy of the routing table. */
  public RoutingSnapshot routingSnapshot() {
    return parts.routing.snapshot();
  }

  /**
   * The {@code count} contacts of the routing table closest to {@code target}, closest first,
   * leaving out {@code exclude} (may be null): what this node would answer a {@code find_node} from
   * {@code exclude}, without asking the network.
   */
  public List<Contact> closestContacts(NodeId target, int count, NodeId exclude) {
    return parts.routing.closest(target, count, exclude);
  }

  /** An immutable copy of the values this node holds. */
  public StoreSnapshot storeSnapshot() {
    return new StoreSnapshot(parts.clock.instant(), parts.store.entries());
  }

  /** The value this node itself holds under {@code key}, without asking the network. */
  public Optional<Value> localValue(NodeId key) {
    return parts.store.get(key);
  }

  /** Forgets every value held here (values this node published are still republished). */
  public void clearLocalStore() {
    parts.store.clear();
  }

  /** What the port has received and dropped. */
  public RpcStats rpcStats() {
    return parts.port.stats();
  }

  /**
   * What this node refused of what peers sent, by kind: requests and stores over the rates, stores
   * over the quotas, answers or requests carrying a wrong id, contacts over the per-address limit.
   */
  public Refusals.Counts refusals() {
    return parts.refusals.snapshot();
  }

  /** The bounds this node keeps on what peers may make it hold and do. */
  public Limits limits() {
    return parts.limits;
  }

  /** The node's id, contacts, held values and published values, for saving. */
  public NodeState exportState() {
    return new NodeState(
        parts.id,
        parts.routing.contacts(),
        parts.store.entries(),
        parts.replication.publishedElsewhere());
  }

  /** Adds a listener for every later event. */
  public void addListener(EngineListener l) {
    parts.listeners.add(l);
  }

  /** Removes a listener. */
  public void removeListener(EngineListener l) {
    parts.listeners.remove(l);
  }

  /**
   * Joins a network: pings each seed to learn its id, looks up this node's own id to fill the
   * table, and completes then, when its own neighbourhood is known; the buckets farther than the
   * closest neighbour are refreshed in the background within {@link Defaults#JOIN_REFRESH_SPREAD}
   * (paper 2.3). Contacts restored from a saved state are tried as seeds too. Completes with the
   * number of contacts known, or exceptionally with {@link RpcException} when no seed answered.
   */
  public CompletableFuture<Integer> bootstrap(List<InetSocketAddress> seeds) {
    return parts.join.run(seeds);
  }

  /**
   * Records {@code contact} in the routing table as if it had just been heard from, without sending
   * it anything: for contacts known by other means than the network, such as an imported list or a
   * simulator that builds tables from what it knows of the whole network. A full bucket keeps it as
   * a replacement, and no ping goes to the bucket's head; a contact new to the table is handed the
   * values it should hold, as one heard from would be.
   *
   * @param rtt its round-trip time, if known, else null
   * @return whether it is now in a bucket (false in a replacement cache, or for this node's own id)
   */
  public boolean addContact(Contact contact, Duration rtt) {
    return recorded(parts.routing.add(contact, rtt), contact);
  }

  /**
   * Records {@code contact} as {@link #addContact} does, but only when a request from it would end
   * with it in the routing table: the table holds it already, or its bucket has room, can split or
   * holds a contact that failed, so that the node would verify the sender with a ping and keep it.
   * A full bucket of answering contacts ignores a sender it does not know, and keeps no replacement
   * of it either. For a simulator that records what a request and its verifying ping leave behind.
   *
   * @param rtt the round trip of the verifying ping, if known, else null
   * @return whether it is now in a bucket
   */
  public boolean addRequester(Contact contact, Duration rtt) {
    return recorded(parts.routing.addIfWanted(contact, rtt), contact);
  }

  /** Hands a contact new to the table the values it should hold; whether it is in a bucket. */
  private boolean recorded(RoutingTable.Outcome o, Contact contact) {
    if (o == RoutingTable.Outcome.ADDED) {
      parts.newcomer(contact);
    }
    return o == RoutingTable.Outcome.ADDED || o == RoutingTable.Outcome.MOVED;
  }

  /** Pings an address; completes with the id that answered, or empty when none answered in time. */
  public CompletableFuture<Optional<NodeId>> ping(InetSocketAddress address) {
    return parts.client.ping(address, parts.client.timeout());
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
    return parts.values.set(key, value);
  }

  /** Stores the empty string under {@code key}, as the course's {@code del} does. */
  public CompletableFuture<SetResult> delete(String key) {
    return set(key, Value.of(""));
  }

  /** The value under the SHA-1 of {@code key}: from local storage, else by a value lookup. */
  public CompletableFuture<Optional<Value>> get(String key) {
    return lookupValue(NodeId.ofKey(key)).thenApply(GetResult::value);
  }

  /** {@link #lookupValue(NodeId)} of the SHA-1 of {@code key}. */
  public CompletableFuture<GetResult> lookupValue(String key) {
    return lookupValue(NodeId.ofKey(key));
  }

  /**
   * Looks up a value: local storage first, then a value lookup that ends as {@code Builder.getStop}
   * says (by default at the first value, with the answers then in flight; the value most holders
   * heard hold wins, {@link io.kadscope.engine.lookup.ValueChoice}), and caches the value at the
   * closest node on the path that did not have it.
   */
  public CompletableFuture<GetResult> lookupValue(NodeId key) {
    return parts.values.lookupValue(key);
  }

  /**
   * Looks up a value by a value lookup even when this node holds one itself (to watch the lookup,
   * or to compare the network's copy with this node's); caches it as {@link #lookupValue} does.
   */
  public CompletableFuture<GetResult> lookupValueInNetwork(NodeId key) {
    return lookupValueInNetwork(key, parts.getStop);
  }

  /**
   * {@link #lookupValueInNetwork(NodeId)}, ending as {@code stop} says: {@link
   * io.kadscope.engine.lookup.StopPolicy#AFTER_K_CLOSEST} hears the k closest out, to see every
   * value they hold.
   */
  public CompletableFuture<GetResult> lookupValueInNetwork(
      NodeId key, io.kadscope.engine.lookup.StopPolicy stop) {
    return parts.values.lookupValueInNetwork(key, stop);
  }

  /** Finds the k closest nodes to {@code target}. */
  public CompletableFuture<LookupResult> findNode(NodeId target) {
    return parts.lookups.run(LookupKind.NODE, target, LookupPurpose.FIND_NODE);
  }

  /**
   * Runs a lookup of {@code target} whose query to every contact is {@code query}, a request of a
   * kind the port speaks, with answers read by {@code reader}: for a protocol's own lookups (the
   * BitTorrent DHT's peers and items), on this node's routing table and client, with the events of
   * any lookup. Never fails; a contact whose answer {@code reader} rejects counts as failed.
   */
  public CompletableFuture<LookupResult> lookup(
      LookupKind kind,
      NodeId target,
      LookupPurpose purpose,
      StopPolicy stop,
      Request query,
      LookupReader reader) {
    return parts.lookups.run(kind, target, purpose, stop, query, reader);
  }

  /**
   * Sends one request to {@code to} through this node's client, as part of lookup {@code lookupId}
   * (or 0): its events are published and the routing table learns from the outcome, as for the
   * node's own requests. The future fails with {@link RpcException} (a timeout, a refusal, an
   * answer of the wrong kind, or a kind the port does not speak).
   */
  public CompletableFuture<Response> request(Contact to, Request request, long lookupId) {
    return parts.client.send(to, request, lookupId);
  }

  /** The kinds of RPC this node's protocol speaks (those of its port). */
  public Set<RpcKind> speaks() {
    return parts.port.speaks();
  }

  /**
   * Builds a {@link KademliaNode}; an {@link RpcPort} and a {@link Scheduler} are required, every
   * other option has a default from {@link Defaults}.
   */
  public static final class Builder extends NodeOptions {
    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /** Builds the node (not yet started). */
    public KademliaNode build() {
      return new KademliaNode(this);
    }
  }
}
