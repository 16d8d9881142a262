package io.kadscope.engine;

import io.kadscope.engine.guard.AddressLimit;
import io.kadscope.engine.guard.Limits;
import io.kadscope.engine.guard.Refusals;
import io.kadscope.engine.lookup.StopPolicy;
import io.kadscope.engine.routing.RoutingTable;
import io.kadscope.engine.rpc.RpcPort;
import io.kadscope.engine.store.ValueStore;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Builds one node's parts from its options, each wired to the others it needs, and holds them for
 * {@link KademliaNode}; the port serves the node's requests from then on.
 */
final class NodeAssembly {
  final NodeId id;
  final RpcPort port;
  final Clock clock;
  final Scheduler scheduler;
  final int k;
  final int alpha;
  final StopPolicy getStop;
  final Listeners listeners;
  final Limits limits;
  final Refusals refusals;
  final RoutingTable routing;
  final ValueStore store;
  final RpcClient client;
  final Lookups lookups;
  final Replication replication;
  final RequestServer server;
  final Join join;
  final ValueOperations values;

  /**
   * @param isRunning whether the node has started and not stopped: requests are answered only then
   */
  NodeAssembly(NodeOptions b, BooleanSupplier isRunning) {
    this.port = Objects.requireNonNull(b.port, "an RpcPort is required");
    this.scheduler = Objects.requireNonNull(b.scheduler, "a Scheduler is required");
    this.clock = b.clock;
    this.k = b.k;
    this.alpha = b.alpha;
    this.getStop = b.getStop;
    this.id = b.restore != null ? b.restore.id() : (b.id != null ? b.id : NodeId.random(b.random));
    this.listeners = new Listeners(b.listeners);
    this.limits = b.limits;
    this.refusals = new Refusals("node " + id.shortHex(8), clock);
    this.store = new ValueStore(id, limits.maxKeys(), limits.maxBytes());
    this.routing =
        new RoutingTable(
            id,
            k,
            b.maxFailures,
            Defaults.SPLIT_DEPTH_MODULUS,
            clock,
            listeners,
            AddressLimit.of(limits));
    this.client =
        new RpcClient(
            id,
            port,
            routing,
            clock,
            b.ioScheduler != null ? b.ioScheduler : port.timers().orElse(scheduler),
            b.rpcTimeout,
            listeners,
            this::newcomer,
            refusals);
    this.lookups =
        new Lookups(id, k, alpha, b.lookupMode, routing, client, clock, listeners, b.random);
    this.replication =
        new Replication(
            id, k, routing, store, client, lookups, scheduler, clock, listeners, refusals);
    this.server =
        new RequestServer(
            id,
            k,
            routing,
            store,
            client,
            replication,
            clock,
            listeners,
            isRunning,
            RequestServer.Guard.of(limits, clock, refusals));
    server.extend(b.extension);
    // Served from the start, though it answers nothing until start(): a node that only pings (the
    // health check) still learns that the address it pinged echoed its own request back.
    port.serve(server);
    List<Contact> restored = b.restore != null ? b.restore.contacts() : List.of();
    this.join =
        new Join(
            id,
            routing,
            client,
            lookups,
            port::localAddress,
            restored,
            b.refreshOnJoin,
            scheduler,
            b.random);
    if (b.restore != null) {
      replication.restore(b.restore);
    }
    this.values = new ValueOperations(port, store, lookups, replication, getStop);
  }

  /** A contact new to the table: replication hands it the values it should hold. */
  void newcomer(Contact c) {
    replication.newcomer(c);
  }
}
