package io.kadscope.engine;

import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.event.EventSink;
import io.kadscope.engine.routing.RoutingTable;
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
 * on the port's I/O thread.
 */
final class RequestServer implements RequestHandler {
  private final NodeId self;
  private final int k;
  private final RoutingTable routing;
  private final ValueStore store;
  private final RpcClient client;
  private final Replication replication;
  private final Clock clock;
  private final EventSink events;
  private final BooleanSupplier running;

  /**
   * @param client records senders (verifying new ones, pinging a full bucket's head for them)
   * @param replication takes the values other nodes store here
   * @param running whether to answer at all: a stopped node answers nothing
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
      BooleanSupplier running) {
    this.self = self;
    this.k = k;
    this.routing = routing;
    this.store = store;
    this.client = client;
    this.replication = replication;
    this.clock = clock;
    this.events = EventSink.of(events);
    this.running = running;
  }

  @Override
  public Response handle(InetSocketAddress from, Request request) {
    if (!running.getAsBoolean()) {
      return null;
    }
    NodeId sender = request.sender();
    Optional<Contact> contact = Optional.empty();
    if (sender != null && !sender.equals(self)) {
      contact = Optional.of(new Contact(sender, from));
      client.heardFrom(contact.get());
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
        replication.storeLocally(s.key(), s.value(), false, contact);
        yield new Response.StoreReply(true);
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
    };
  }
}
