package io.kadscope.engine;

import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.event.EventSink;
import io.kadscope.engine.routing.RoutingTable;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcException;
import io.kadscope.engine.rpc.RpcPort;
import io.kadscope.engine.rpc.RpcTimeoutException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Sends this node's requests through the {@link RpcPort}, one RPC at a time, and keeps the routing
 * table in step with what comes back: an answer marks the contact alive, a failure counts against
 * it, and an address that now answers with another id loses its old contact. Publishes {@link
 * EngineEvent.RpcSent} and its outcome ({@link EngineEvent.RpcAnswered} or {@link
 * EngineEvent.RpcFailed}); an answer of the wrong kind is a failure. When a contact proves alive
 * and its bucket is full, the bucket's head is pinged; a contact new to the table goes to {@code
 * newcomers} (replication hands it the values it should hold).
 */
final class RpcClient {
  private final NodeId self;
  private final RpcPort port;
  private final RoutingTable routing;
  private final Clock clock;
  private final Duration timeout;
  private final EventSink events;
  private final Consumer<Contact> newcomers;
  private final AtomicLong rpcSeq = new AtomicLong();

  /**
   * @param timeout how long a request waits for its answer unless told otherwise
   * @param newcomers told of each contact the table did not hold before
   */
  RpcClient(
      NodeId self,
      RpcPort port,
      RoutingTable routing,
      Clock clock,
      Duration timeout,
      Consumer<EngineEvent> events,
      Consumer<Contact> newcomers) {
    this.self = self;
    this.port = port;
    this.routing = routing;
    this.clock = clock;
    this.timeout = timeout;
    this.events = EventSink.of(events);
    this.newcomers = newcomers;
  }

  /** How long a request waits for its answer. */
  Duration timeout() {
    return timeout;
  }

  /** Sends {@code request} to a known contact, as part of lookup {@code lookupId} (or 0). */
  CompletableFuture<Response> send(Contact to, Request request, long lookupId) {
    return send(to.address(), Optional.of(to.id()), request, lookupId, timeout);
  }

  /**
   * Pings {@code address}; completes with the id that answered, or empty when none answered within
   * {@code wait}. Never completes exceptionally.
   */
  CompletableFuture<Optional<NodeId>> ping(InetSocketAddress address, Duration wait) {
    return send(address, Optional.empty(), new Request.Ping(self), 0, wait)
        .handle(
            (r, err) ->
                err == null && r instanceof Response.PingReply p
                    ? Optional.of(p.responder())
                    : Optional.empty());
  }

  /**
   * Sends one request and publishes its events. The future completes with the answer, or
   * exceptionally with the port's {@link RpcException}, or one saying the answer was of the wrong
   * kind.
   *
   * @param toId the id expected at {@code to}, when known: its contact is updated either way
   */
  CompletableFuture<Response> send(
      InetSocketAddress to, Optional<NodeId> toId, Request request, long lookupId, Duration wait) {
    long rpcId = rpcSeq.incrementAndGet();
    String rpc = request.kind().label();
    Instant sent = clock.instant();
    if (events.listening()) {
      events.accept(new EngineEvent.RpcSent(sent, self, rpcId, rpc, to, toId, lookupId));
    }
    CompletableFuture<Response> f;
    try {
      f = port.send(to, request, wait);
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    return f.handle(
        (resp, err) -> {
          Duration latency = Duration.between(sent, clock.instant());
          if (err == null && !request.kind().isAnsweredBy(resp)) {
            err =
                new RpcException(
                    "unexpected "
                        + resp.getClass().getSimpleName()
                        + " from "
                        + to
                        + " in answer to "
                        + rpc);
          }
          if (err != null) {
            throw failed(rpcId, rpc, to, toId, latency, lookupId, Futures.unwrap(err));
          }
          answered(rpcId, rpc, to, toId, latency, lookupId, resp);
          return resp;
        });
  }

  /** Publishes the failure and counts it against the contact; returns what to throw. */
  private RuntimeException failed(
      long rpcId,
      String rpc,
      InetSocketAddress to,
      Optional<NodeId> toId,
      Duration latency,
      long lookupId,
      Throwable cause) {
    String reason = String.valueOf(cause.getMessage());
    if (events.listening()) {
      events.accept(
          new EngineEvent.RpcFailed(
              clock.instant(),
              self,
              rpcId,
              rpc,
              to,
              latency,
              reason,
              cause instanceof RpcTimeoutException,
              lookupId));
    }
    toId.ifPresent(id -> routing.failed(new Contact(id, to), reason));
    return cause instanceof RuntimeException re ? re : new CompletionException(cause);
  }

  private void answered(
      long rpcId,
      String rpc,
      InetSocketAddress to,
      Optional<NodeId> toId,
      Duration latency,
      long lookupId,
      Response resp) {
    if (events.listening()) {
      events.accept(
          new EngineEvent.RpcAnswered(
              clock.instant(), self, rpcId, rpc, to, latency, summary(resp), lookupId));
    }
    NodeId answeredBy = resp instanceof Response.PingReply p ? p.responder() : toId.orElse(null);
    if (answeredBy != null) {
      if (toId.isPresent() && !toId.get().equals(answeredBy)) {
        routing.remove(new Contact(toId.get(), to), "address now answers with another id");
      }
      seen(new Contact(answeredBy, to), latency);
    }
  }

  /** What came back, in a few words, for the {@link EngineEvent.RpcAnswered} event. */
  static String summary(Response r) {
    return switch (r.kind()) {
      case PING_REPLY -> "id " + ((Response.PingReply) r).responder().shortHex(8);
      case STORE_REPLY -> ((Response.StoreReply) r).stored() ? "stored" : "refused";
      case NODES -> ((Response.Nodes) r).contacts().size() + " contacts";
      case FOUND_VALUE -> "value (" + ((Response.FoundValue) r).value().typeName() + ")";
      case STUN_REPLY -> {
        Response.StunReply s = (Response.StunReply) r;
        yield s.host() + ":" + s.port();
      }
    };
  }

  /**
   * A contact proved alive, by an answer ({@code rtt} its round trip) or a request of its own
   * ({@code rtt} null): updates the table, pings a full bucket's head, and hands on a newcomer.
   */
  void seen(Contact c, Duration rtt) {
    RoutingTable.Seen s = routing.seen(c, rtt);
    s.pingHead().ifPresent(head -> send(head, new Request.Ping(self), 0));
    if (s.outcome() == RoutingTable.Outcome.ADDED) {
      newcomers.accept(c);
    }
  }
}
