package io.kadscope.engine;

import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.guard.AddressLimit;
import io.kadscope.engine.guard.Limits;
import io.kadscope.engine.guard.Refusals;
import io.kadscope.engine.routing.RoutingTable;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.RequestHandler;
import io.kadscope.engine.rpc.RpcPort;
import io.kadscope.engine.store.ValueStore;
import io.kadscope.sim.SimNetwork;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One node's collaborators wired as {@link KademliaNode} wires them, on a simulated network with
 * scripted peers, so that each can be tested alone on virtual time.
 */
final class NodeParts {
  static final Duration LATENCY = Duration.ofMillis(5);
  static final Duration TIMEOUT = Defaults.RPC_TIMEOUT;

  final VirtualScheduler time = new VirtualScheduler();
  final Random random = new Random(11);
  final SimNetwork net = new SimNetwork(time, LATENCY, 0, random);
  final List<EngineEvent> events = new ArrayList<>();
  final List<Contact> newcomers = new ArrayList<>();
  final NodeId self;
  final int k;
  final RpcPort port;
  final RoutingTable routing;
  final ValueStore store;
  final Refusals refusals;
  final RpcClient client;
  final Lookups lookups;
  final Replication replication;
  final RequestServer server;
  boolean running = true;

  NodeParts(NodeId self, int k) {
    this(self, k, Defaults.MAX_FAILURES);
  }

  NodeParts(NodeId self, int k, int maxFailures) {
    this(self, k, maxFailures, Limits.DEFAULT);
  }

  /** With other limits on what peers may make the node hold and do. */
  NodeParts(NodeId self, int k, Limits limits) {
    this(self, k, Defaults.MAX_FAILURES, limits);
  }

  NodeParts(NodeId self, int k, int maxFailures, Limits limits) {
    this.self = self;
    this.k = k;
    this.port = net.newPort();
    this.refusals = new Refusals("node " + self.shortHex(8), time.clock());
    this.store = new ValueStore(self, limits.maxKeys(), limits.maxBytes());
    this.routing =
        new RoutingTable(
            self,
            k,
            maxFailures,
            Defaults.SPLIT_DEPTH_MODULUS,
            time.clock(),
            events::add,
            AddressLimit.of(limits));
    this.client =
        new RpcClient(
            self,
            port,
            routing,
            time.clock(),
            time,
            TIMEOUT,
            events::add,
            this::newcomer,
            refusals);
    this.lookups =
        new Lookups(self, k, Defaults.ALPHA, routing, client, time.clock(), events::add, random);
    this.replication =
        new Replication(
            self, k, routing, store, client, lookups, time, time.clock(), events::add, refusals);
    this.server =
        new RequestServer(
            self,
            k,
            routing,
            store,
            client,
            replication,
            time.clock(),
            events::add,
            () -> running,
            RequestServer.Guard.of(limits, time.clock(), refusals));
    port.serve(server);
  }

  private void newcomer(Contact c) {
    newcomers.add(c);
    replication.newcomer(c);
  }

  /** A join of these parts, through the restored contacts given. */
  Join join(List<Contact> restored, boolean refreshFarther) {
    return new Join(
        self, routing, client, lookups, port::localAddress, restored, refreshFarther, time, random);
  }

  /** A peer at a new address that answers with {@code handler}, and what it received. */
  Peer peer(NodeId id, RequestHandler handler) {
    RpcPort p = net.newPort();
    Peer peer = new Peer(new Contact(id, p.localAddress()), p);
    p.serve(
        (from, request) -> {
          peer.received.add(request);
          return handler.handle(from, request);
        });
    return peer;
  }

  /** Runs virtual time, task by task, until {@code f} completes. */
  <T> T await(CompletableFuture<T> f) {
    while (!f.isDone() && time.runNext()) {
      // each step runs the next message or timer
    }
    if (!f.isDone()) {
      throw new AssertionError("the network ran out of work before the operation ended");
    }
    return f.join();
  }

  /** The events of one type, in order. */
  <E extends EngineEvent> List<E> events(Class<E> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** An id of 20 bytes whose first bytes are {@code prefix} and the rest zero. */
  static NodeId id(int... prefix) {
    byte[] b = new byte[NodeId.BYTES];
    for (int i = 0; i < prefix.length; i++) {
      b[i] = (byte) prefix[i];
    }
    return NodeId.of(b);
  }

  /** A scripted peer: its contact, its port, and the requests it received. */
  record Peer(Contact contact, RpcPort port, ConcurrentLinkedQueue<Request> received) {
    Peer(Contact contact, RpcPort port) {
      this(contact, port, new ConcurrentLinkedQueue<>());
    }

    NodeId id() {
      return contact.id();
    }

    InetSocketAddress address() {
      return contact.address();
    }
  }
}
