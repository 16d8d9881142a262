package io.kadscope.engine;

import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.event.EventSink;
import io.kadscope.engine.guard.Refusal;
import io.kadscope.engine.guard.Refusals;
import io.kadscope.engine.routing.RoutingTable;
import io.kadscope.engine.rpc.HostPort;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcException;
import io.kadscope.engine.rpc.RpcPort;
import io.kadscope.engine.rpc.RpcRefusedException;
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
 * Sends this node's requests through the {@link RpcPort} and keeps the routing table in step with
 * what comes back: an answer marks the contact alive, a failure counts against it. Publishes {@link
 * EngineEvent.RpcSent} and its outcome ({@link EngineEvent.RpcAnswered} or {@link
 * EngineEvent.RpcFailed}); a refusal is a failure that still proves the peer alive, and a kind the
 * port does not speak fails before anything is sent. When a contact proves alive and its bucket is
 * full, the bucket's head is pinged; a contact new to the table goes to {@code newcomers}
 * (replication hands it the values it should hold) once it has answered this node, by a ping if it
 * was known only from a request of its own; one that does not answer that ping leaves the table.
 *
 * <p>Timing: each request is retransmitted at the contact's retransmission timeout, doubling, as
 * {@link RpcCall} says, within a budget {@link RpcTiming} keeps; each time a retransmission is due
 * the caller is told that the contact is late ({@code onSlow}), so that a lookup frees its slot.
 *
 * <p>It takes no answer it cannot trust (each is refused, counted in {@link Refusals}, and the
 * request fails): an answer of the wrong kind; an answer carrying this node's own id (an echo of
 * its own request, which a plain UDP echo service sends); a ping answered by another id than the
 * contact asked. And it never lets what a peer says move a known contact: a known id seen at
 * another address leaves the table as it is, and a failure counts against a contact only when it
 * was the contact's own address that failed, so that a peer listing a victim's id at a dead or
 * hostile address can neither evict it nor take its place.
 *
 * <p>Verified contacts: a node that sends a request is not taken into the table on its word; it is
 * pinged first and counts once it has answered ({@link RequesterVerification}), as libtorrent's
 * verified nodes do. A health probe or any short-lived client, which answers nothing, leaves no
 * trace.
 */
final class RpcClient {
  private final NodeId self;
  private final RpcPort port;
  private final RoutingTable routing;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Duration timeout;
  private final EventSink events;
  private final Consumer<Contact> newcomers;
  private final Refusals refusals;
  private final AtomicLong rpcSeq = new AtomicLong();
  private final RpcTiming timing;
  private final RequesterVerification verification;

  /**
   * @param scheduler where retransmissions are timed and requesters' verifications handed off: the
   *     port's I/O thread where it offers one
   * @param timeout how long a request waits for its answer unless told otherwise: the hard limit
   * @param newcomers told of each contact the table did not hold before
   * @param refusals counts the answers and contacts not taken
   */
  RpcClient(
      NodeId self,
      RpcPort port,
      RoutingTable routing,
      Clock clock,
      Scheduler scheduler,
      Duration timeout,
      Consumer<EngineEvent> events,
      Consumer<Contact> newcomers,
      Refusals refusals) {
    this.self = self;
    this.port = port;
    this.routing = routing;
    this.clock = clock;
    this.scheduler = scheduler;
    this.timing = new RpcTiming(clock);
    this.timeout = timeout;
    this.events = EventSink.of(events);
    this.newcomers = newcomers;
    this.refusals = refusals;
    this.verification =
        new RequesterVerification(
            routing,
            clock,
            scheduler,
            this::seen,
            c -> send(c.address(), Optional.empty(), new Request.Ping(self), 0, timeout, null));
  }

  /** How long a request waits for its answer. */
  Duration timeout() {
    return timeout;
  }

  /** Sends {@code request} to a known contact, as part of lookup {@code lookupId} (or 0). */
  CompletableFuture<Response> send(Contact to, Request request, long lookupId) {
    return send(to.address(), Optional.of(to.id()), request, lookupId, timeout, null);
  }

  /**
   * Sends {@code request} to a known contact; {@code onSlow} runs each time a retransmission is due
   * (whether or not the budget lets it go): when the contact has not answered within its
   * retransmission timeout, and again at each doubling of it.
   */
  CompletableFuture<Response> send(Contact to, Request request, long lookupId, Runnable onSlow) {
    return send(to.address(), Optional.of(to.id()), request, lookupId, timeout, onSlow);
  }

  /**
   * Pings {@code address}; completes with the id that answered, or empty when none answered within
   * {@code wait}. Never completes exceptionally.
   */
  CompletableFuture<Optional<NodeId>> ping(InetSocketAddress address, Duration wait) {
    return send(address, Optional.empty(), new Request.Ping(self), 0, wait, null)
        .handle(
            (r, err) ->
                err == null && r instanceof Response.PingReply p
                    ? Optional.of(p.responder())
                    : Optional.empty());
  }

  /**
   * Sends one request, retransmitted as the class says, and publishes its events. The future
   * completes with the first answer, or exceptionally with an {@link RpcTimeoutException} when no
   * attempt was answered within {@code wait}, with the port's {@link RpcException} when it cannot
   * be sent, or with one saying the answer was of the wrong kind.
   *
   * @param toId the id expected at {@code to}, when known: its contact is updated either way
   * @param onSlow run each time a retransmission is due, or null
   */
  CompletableFuture<Response> send(
      InetSocketAddress to,
      Optional<NodeId> toId,
      Request request,
      long lookupId,
      Duration wait,
      Runnable onSlow) {
    if (!port.speaks().contains(request.kind())) {
      return CompletableFuture.failedFuture(
          new RpcException(
              "cannot send "
                  + request.kind().label()
                  + " to "
                  + HostPort.of(to)
                  + ": this node's protocol does not have it (it speaks "
                  + port.speaks()
                  + ")"));
    }
    long rpcId = rpcSeq.incrementAndGet();
    String rpc = request.kind().label();
    Instant sent = clock.instant();
    if (events.listening()) {
      events.accept(new EngineEvent.RpcSent(sent, self, rpcId, rpc, to, toId, lookupId));
    }
    RpcCall call =
        new RpcCall(port, scheduler, clock, timing, to, toId, request, sent, wait, onSlow);
    call.attempt(retransmissionTimeout(toId));
    return call.result.handle(
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
          if (err == null) {
            err = untrusted(to, toId, rpc, resp);
          }
          if (err != null) {
            throw failed(rpcId, rpc, to, toId, latency, lookupId, Futures.unwrap(err));
          }
          answered(rpcId, rpc, to, toId, latency, call.roundTrip, lookupId, resp);
          return resp;
        });
  }

  /**
   * Why an answer of the right kind is still not taken, counted as a refusal; null when it can be
   * taken. rpcudp's answers carry an id only in a ping reply.
   */
  private RpcException untrusted(
      InetSocketAddress to, Optional<NodeId> toId, String rpc, Response resp) {
    if (!(resp instanceof Response.PingReply p)) {
      return null;
    }
    NodeId responder = p.responder();
    if (responder.equals(self)) {
      refusals.refuse(
          Refusal.OWN_ID_ANSWER, to, rpc + " answered with this node's own id " + self.shortHex(8));
      return new RpcException(
          HostPort.of(to)
              + " answered "
              + rpc
              + " with this node's own id: it echoes what it receives, it is no Kademlia peer");
    }
    if (toId.isPresent() && !toId.get().equals(responder)) {
      refusals.refuse(
          Refusal.WRONG_ID_ANSWER,
          to,
          rpc + " to " + toId.get().shortHex(8) + " answered by " + responder.shortHex(8));
      return new RpcException(
          HostPort.of(to)
              + " answered "
              + rpc
              + " as "
              + responder.shortHex(8)
              + ", not as the contact "
              + toId.get().shortHex(8)
              + " asked");
    }
    return null;
  }

  /** The first retransmission timeout for a request to {@code id} ({@link RpcTiming}). */
  Duration retransmissionTimeout(Optional<NodeId> id) {
    return timing.retransmissionTimeout(
        id.isPresent() ? routing.retransmissionTimeout(id.get()) : Optional.empty());
  }

  /** Whether a request to {@code id} failed lately ({@link RpcTiming#failingRecently}). */
  boolean failingRecently(NodeId id) {
    return timing.failingRecently(id);
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
    if (cause instanceof RpcRefusedException) {
      // A refusal is an answer: the peer is alive, only this request failed.
      toId.ifPresent(id -> seen(new Contact(id, to), latency));
      return cause instanceof RuntimeException re ? re : new CompletionException(cause);
    }
    toId.ifPresent(
        id -> {
          timing.markFailing(id);
          Optional<Contact> known = routing.find(id);
          if (known.isEmpty() || known.get().address().equals(to)) {
            routing.failed(new Contact(id, to), reason);
          }
        });
    return cause instanceof RuntimeException re ? re : new CompletionException(cause);
  }

  private void answered(
      long rpcId,
      String rpc,
      InetSocketAddress to,
      Optional<NodeId> toId,
      Duration latency,
      Duration roundTrip,
      long lookupId,
      Response resp) {
    if (events.listening()) {
      events.accept(
          new EngineEvent.RpcAnswered(
              clock.instant(), self, rpcId, rpc, to, latency, AnswerSummary.of(resp), lookupId));
    }
    NodeId answeredBy = resp instanceof Response.PingReply p ? p.responder() : toId.orElse(null);
    if (answeredBy != null) {
      timing.markAnswering(answeredBy);
      seen(new Contact(answeredBy, to), roundTrip);
    }
  }

  /**
   * A node sent this node a request: seen alive when the table holds it at that address, else
   * verified first ({@link RequesterVerification#heardFrom}).
   */
  void heardFrom(Contact c) {
    verification.heardFrom(c);
  }

  /**
   * A contact proved alive, by an answer ({@code rtt} the round trip of the attempt answered) or a
   * request of its own from its known address ({@code rtt} null): updates the table, pings a full
   * bucket's head, and hands on a newcomer.
   */
  void seen(Contact c, Duration rtt) {
    Optional<Contact> known = routing.find(c.id());
    if (known.isPresent() && !known.get().address().equals(c.address())) {
      refusals.refuse(
          Refusal.MOVED_ID,
          c.address(),
          "id "
              + c.id().shortHex(8)
              + " is known at "
              + HostPort.of(known.get().address())
              + ", kept there until that address stops answering");
      return;
    }
    RoutingTable.Seen s = routing.seen(c, rtt);
    if (s.outcome() == RoutingTable.Outcome.REFUSED) {
      refusals.refuse(
          Refusal.CONTACTS_PER_ADDRESS,
          c.address(),
          "contact " + c.id().shortHex(8) + " not kept: its bucket holds the most allowed");
      return;
    }
    s.pingHead().ifPresent(head -> send(head, new Request.Ping(self), 0));
    if (s.outcome() == RoutingTable.Outcome.ADDED) {
      if (rtt != null) {
        newcomers.accept(c);
      } else {
        // Known only from a request, whose source address may be forged: the values it should
        // hold go to it once it answers a ping, so that one forged datagram cannot make this node
        // send a victim every value it holds.
        // One that does not answer never showed it is there: it leaves the table at once.
        send(c, new Request.Ping(self), 0)
            .whenComplete(
                (r, err) -> {
                  if (err == null) {
                    newcomers.accept(c);
                  } else {
                    routing.remove(c, "did not answer a ping after its first request");
                  }
                });
      }
    }
  }
}
