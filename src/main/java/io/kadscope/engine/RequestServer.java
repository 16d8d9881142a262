package io.kadscope.engine;

import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.event.EventSink;
import io.kadscope.engine.guard.AddressRateLimiter;
import io.kadscope.engine.guard.Limits;
import io.kadscope.engine.guard.Refusal;
import io.kadscope.engine.guard.Refusals;
import io.kadscope.engine.routing.RoutingTable;
import io.kadscope.engine.rpc.ExtensionHandler;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.RequestHandler;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.store.ValueStore;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Answers the requests that reach this node, one {@code case} per {@link
 * io.kadscope.engine.rpc.RpcKind}: a request's sender is first handed to the client, which marks a
 * known contact alive and pings an unknown one before the table takes it ({@link
 * RpcClient#heardFrom}), and each request is announced by an {@link EngineEvent.RpcReceived}. Runs
 * on the port's I/O thread. The kinds beyond the Kademlia paper's go to the node's {@link
 * ExtensionHandler}; a sender that asked not to be kept (a read-only node) is not kept.
 *
 * <p>Before any of that, its {@link Guard} refuses (counted in {@link Refusals}, never answered) a
 * request that carries this node's own id, which only an echo of its own request or a forgery does,
 * and a request beyond its address's rate; a store beyond its address's store rate, or that the
 * store's quota does not admit, is answered {@code false}.
 */
final class RequestServer implements RequestHandler {
  /**
   * The checks every request passes first.
   *
   * @param requests one token per request, per address
   * @param stores one token per store, per address
   */
  record Guard(AddressRateLimiter requests, AddressRateLimiter stores, Refusals refusals) {
    /** The checks of {@code limits}, timed by {@code clock}. */
    static Guard of(Limits limits, Clock clock, Refusals refusals) {
      return new Guard(
          new AddressRateLimiter(
              limits.requestsPerSecond(), limits.requestBurst(), clock, limits::exempts),
          new AddressRateLimiter(
              limits.storesPerSecond(), limits.storeBurst(), clock, limits::exempts),
          refusals);
    }
  }

  private final NodeId self;
  private final int k;
  private final RoutingTable routing;
  private final ValueStore store;
  private final RpcClient client;
  private final Replication replication;
  private final Clock clock;
  private final EventSink events;
  private final BooleanSupplier running;
  private volatile ExtensionHandler extension = ExtensionHandler.NONE;
  private final Guard guard;

  /**
   * @param client records senders (verifying new ones, pinging a full bucket's head for them)
   * @param replication takes the values other nodes store here
   * @param running whether to answer at all: a stopped node answers nothing
   * @param guard the checks before a request is answered
   */
  RequestServer(
      NodeId self,
      int k,
      RoutingTable routing,
      ValueStore store,
      RpcClient client,
      Replication replication,
      Clock clock,
      Consumer<EngineEvent> events,
      BooleanSupplier running,
      Guard guard) {
    this.self = self;
    this.k = k;
    this.routing = routing;
    this.store = store;
    this.client = client;
    this.replication = replication;
    this.clock = clock;
    this.events = EventSink.of(events);
    this.running = running;
    this.guard = guard;
  }

  /** Hands the kinds beyond the Kademlia paper's to {@code handler} (none answers them before). */
  void extend(ExtensionHandler handler) {
    this.extension = handler;
  }

  @Override
  public Response handle(InetSocketAddress from, Request request) {
    return answer(from, request, true);
  }

  /** Answers as {@link #handle}, but keeps no contact of the sender, which asked not to be kept. */
  @Override
  public Response handleReadOnly(InetSocketAddress from, Request request) {
    return answer(from, request, false);
  }

  private Response answer(InetSocketAddress from, Request request, boolean keepSender) {
    NodeId sender = request.sender();
    if (self.equals(sender)) {
      // Counted even when stopped: a node that only pings (the health check) learns so that the
      // address it pinged echoes datagrams back.
      guard
          .refusals()
          .refuse(Refusal.OWN_ID_REQUEST, from, request.kind().label() + " not answered");
      return null;
    }
    if (!running.getAsBoolean()) {
      return null;
    }
    if (!guard.requests().tryAcquire(from.getAddress())) {
      guard.refusals().refuse(Refusal.REQUEST_RATE, from, request.kind().label() + " not answered");
      return null;
    }
    Optional<Contact> contact = Optional.empty();
    if (sender != null) {
      contact = Optional.of(new Contact(sender, from));
      if (keepSender) {
        client.heardFrom(contact.get());
      }
    }
    if (events.listening()) {
      events.accept(
          new EngineEvent.RpcReceived(
              clock.instant(), self, request.kind().label(), from, Optional.ofNullable(sender)));
    }
    return switch (request.kind()) {
      case PING -> new Response.PingReply(self);
      case STORE -> {
        Request.Store s = (Request.Store) request;
        if (!guard.stores().tryAcquire(from.getAddress())) {
          guard
              .refusals()
              .refuse(Refusal.STORE_RATE, from, "key " + s.key().shortHex(8) + " not stored");
          yield new Response.StoreReply(false);
        }
        yield new Response.StoreReply(replication.storeFrom(s.key(), s.value(), contact, from));
      }
      case FIND_NODE ->
          new Response.Nodes(routing.closest(((Request.FindNode) request).target(), k, sender));
      case FIND_VALUE -> {
        NodeId key = ((Request.FindValue) request).key();
        Optional<Value> v = store.get(key);
        yield v.isPresent()
            ? new Response.FoundValue(v.get())
            : new Response.Nodes(routing.closest(key, k, sender));
      }
      case STUN -> new Response.StunReply(from.getAddress().getHostAddress(), from.getPort());
      case GET_PEERS, ANNOUNCE_PEER, GET_ITEM, PUT_ITEM ->
          extension.answer(from, request, target -> routing.closest(target, k, sender));
    };
  }
}
