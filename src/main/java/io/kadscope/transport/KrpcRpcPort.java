package io.kadscope.transport;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.Scheduler;
import io.kadscope.engine.rpc.HostPort;
import io.kadscope.engine.rpc.PendingRequests;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.RequestHandler;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcException;
import io.kadscope.engine.rpc.RpcKind;
import io.kadscope.engine.rpc.RpcStats;
import io.kadscope.krpc.BDict;
import io.kadscope.krpc.ErrorCode;
import io.kadscope.krpc.Id160;
import io.kadscope.krpc.KrpcCodec;
import io.kadscope.krpc.KrpcError;
import io.kadscope.krpc.KrpcFormatException;
import io.kadscope.krpc.KrpcMessage;
import io.kadscope.krpc.KrpcQuery;
import io.kadscope.krpc.KrpcRawResponse;
import io.kadscope.krpc.KrpcResponse;
import io.kadscope.krpc.TransactionId;
import io.kadscope.mainline.node.MainlinePort;
import io.kadscope.transport.DropCounter.Kind;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MainlinePort} over one UDP socket: the BitTorrent DHT's KRPC (docs/mainline.md), on the
 * same socket plumbing and the same table of pending requests as {@link UdpRpcPort}. Each query
 * carries {@link #TRANSACTION_BYTES} unpredictable bytes of transaction id; an answer is taken only
 * from the address asked, with a known transaction id, once, and only when the node it names is not
 * this one and is the one expected there (when one is). A KRPC error fails its request with an
 * {@link io.kadscope.engine.rpc.RpcRefusedException} that names the code and the text.
 *
 * <p>Serving: every answer names this node ({@code r.id}), tells the requester how its address
 * looked ({@code ip}, BEP 42) and lists nodes of the families it wants (BEP 32); a malformed query
 * whose transaction id could be read is answered 203, an unknown method 204, and a query marked
 * read-only ({@code ro}, BEP 43) is answered without keeping its sender. Queries leave at most
 * {@link #QUERIES_PER_SECOND} a second after a burst of as many, so that no caller floods the
 * public DHT. All protocol work runs on the socket's event loop. Thread-safe.
 */
public final class KrpcRpcPort implements MainlinePort {
  private static final Logger log = LoggerFactory.getLogger(KrpcRpcPort.class);

  /**
   * Bytes of the transaction ids this port sends: libtorrent sends 2, but a peer that can forge the
   * source address of an answer must then guess one of 65,536; with 4, one of 2^32.
   */
  public static final int TRANSACTION_BYTES = 4;

  /**
   * Queries sent a second, at most, after a burst of as many: about what libtorrent's default DHT
   * upload limit of 8,000 bytes a second carries (KRPC queries are 60 to 150 bytes).
   */
  public static final int QUERIES_PER_SECOND = 50;

  /** The longest a query waits for its turn; one that would wait longer fails at once. */
  public static final Duration MAX_PACING_DELAY = Duration.ofSeconds(10);

  private final UdpSocket socket;
  private final NodeId self;
  private final Id160 selfId;
  private final KrpcCodec codec = new KrpcCodec();
  private final MessageIdSource ids = new MessageIdSource();
  private final PendingRequests<TransactionId> pending;
  private final Map<TransactionId, NodeId> expected = new ConcurrentHashMap<>();
  private final QueryPacer pacer;
  private final int queriesPerSecond;
  private volatile RequestHandler handler;
  private volatile AddressReports reports = AddressReports.NONE;

  private KrpcRpcPort(UdpSocket socket, NodeId self, int queriesPerSecond) {
    this.socket = socket;
    this.self = Objects.requireNonNull(self, "self");
    this.selfId = KrpcRecords.id(self);
    this.queriesPerSecond = queriesPerSecond;
    this.pacer =
        new QueryPacer(queriesPerSecond, queriesPerSecond, MAX_PACING_DELAY, System.nanoTime());
    this.pending =
        new PendingRequests<>(
            socket.timers(),
            (from, reason) -> socket.drops().dropped(Kind.UNSOLICITED, from, reason));
    socket.receiver(this::onDatagram);
  }

  /** The event loop that reads this port's socket, where its requests' timeouts run. */
  @Override
  public Optional<Scheduler> timers() {
    return Optional.of(socket.timers());
  }

  // ------------------------------------------------------------------ making ports

  /**
   * A standalone port on {@code bind} for the node {@code self}, with its own one-thread event
   * loop, released by {@link #close()}. Port 0 picks a free port.
   *
   * @throws UncheckedIOException when the address cannot be bound (the message names it)
   */
  public static KrpcRpcPort open(InetSocketAddress bind, NodeId self) {
    UdpTransport transport = UdpTransport.best();
    EventLoopGroup group = transport.newGroup(1);
    try {
      return bind(group, transport, bind, self, true, QUERIES_PER_SECOND);
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
  }

  /**
   * A port on {@code bind} whose channel runs on {@code group}; must not be called on one of the
   * group's threads (it waits for the bind).
   */
  static KrpcRpcPort bind(
      EventLoopGroup group,
      UdpTransport transport,
      InetSocketAddress bind,
      NodeId self,
      boolean ownsGroup,
      int queriesPerSecond) {
    UdpSocket socket =
        UdpSocket.open(
            "KrpcRpcPort", group, transport, bind, ownsGroup, KrpcCodec.MAX_DATAGRAM_BYTES);
    KrpcRpcPort port = new KrpcRpcPort(socket, self, queriesPerSecond);
    socket.bind(bind);
    return port;
  }

  // ------------------------------------------------------------------ RpcPort

  @Override
  public InetSocketAddress localAddress() {
    return socket.localAddress();
  }

  @Override
  public Set<RpcKind> speaks() {
    return KrpcRecords.SPOKEN;
  }

  @Override
  public CompletableFuture<Response> send(InetSocketAddress to, Request request, Duration timeout) {
    return send(to, Optional.empty(), request, timeout);
  }

  @Override
  public CompletableFuture<Response> send(
      InetSocketAddress to, Optional<NodeId> expect, Request request, Duration timeout) {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(expect, "expect");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(timeout, "timeout");
    CompletableFuture<Response> future = new CompletableFuture<>();
    if (to.isUnresolved()) {
      future.completeExceptionally(
          new RpcException(
              "cannot send "
                  + request.kind().label()
                  + " to unresolved address "
                  + HostPort.of(to)));
      return future;
    }
    if (!KrpcRecords.SPOKEN.contains(request.kind())) {
      future.completeExceptionally(
          new RpcException(
              "cannot send "
                  + request.kind().label()
                  + " to "
                  + HostPort.of(to)
                  + ": the BitTorrent DHT has no such query"));
      return future;
    }
    if (!socket.onLoop(() -> pace(to, expect, request, timeout, future))) {
      future.completeExceptionally(closedException(to, request));
    }
    return future;
  }

  @Override
  public void serve(RequestHandler handler) {
    this.handler = handler;
  }

  @Override
  public void addressReports(AddressReports reports) {
    this.reports = Objects.requireNonNull(reports, "reports");
  }

  @Override
  public RpcStats stats() {
    return socket.stats();
  }

  /** Stops listening; pending requests fail with {@link RpcException}. Idempotent. */
  @Override
  public void close() {
    socket.close(() -> pending.close(socket.localAddress()));
  }

  /** The node whose id this port's answers carry. */
  public NodeId self() {
    return self;
  }

  /** The Netty channel, for tests of its configuration. */
  Channel channel() {
    return socket.channel();
  }

  /**
   * Handles {@code data} as a datagram from {@code from}, on the event loop, and waits for it: the
   * whole receiving path but the socket, for the fuzz test. An exception it throws is rethrown.
   */
  void receive(byte[] data, InetSocketAddress from) throws Exception {
    socket.loop().submit(() -> onDatagram(data, data.length, from)).get(10, TimeUnit.SECONDS);
  }

  @Override
  public String toString() {
    return socket.toString();
  }

  // ------------------------------------------------------------------ sending, on the event loop

  private void pace(
      InetSocketAddress to,
      Optional<NodeId> expect,
      Request request,
      Duration timeout,
      CompletableFuture<Response> future) {
    long wait = pacer.reserve(System.nanoTime());
    if (wait == 0) {
      doSend(to, expect, request, timeout, future);
    } else if (wait < 0) {
      future.completeExceptionally(
          new RpcException(
              "cannot send "
                  + request.kind().label()
                  + " to "
                  + HostPort.of(to)
                  + ": more than "
                  + MAX_PACING_DELAY.toSeconds()
                  + " s of queries are waiting for their turn (at most "
                  + queriesPerSecond
                  + " a second)"));
    } else {
      socket
          .loop()
          .schedule(() -> doSend(to, expect, request, timeout, future), wait, TimeUnit.NANOSECONDS);
    }
  }

  private void doSend(
      InetSocketAddress to,
      Optional<NodeId> expect,
      Request request,
      Duration timeout,
      CompletableFuture<Response> future) {
    if (socket.isClosed()) {
      future.completeExceptionally(closedException(to, request));
      return;
    }
    TransactionId t = TransactionId.of(ids.nextBytes(TRANSACTION_BYTES));
    ByteBuf buf;
    try {
      KrpcQuery q = KrpcRecords.query(t, request, self).withClientVersion(KrpcCodec.CLIENT_VERSION);
      buf = buffer(codec.encode(q));
    } catch (IllegalArgumentException e) { // too large, or an item that is not bencoded
      future.completeExceptionally(
          new RpcException(
              "cannot send "
                  + request.kind().label()
                  + " to "
                  + HostPort.of(to)
                  + ": "
                  + e.getMessage(),
              e));
      return;
    }
    if (expect.isPresent()) {
      expected.put(t, expect.get());
      future.whenComplete((r, e) -> expected.remove(t));
    }
    PendingRequests<TransactionId>.Pending p = pending.add(t, to, request, timeout, future);
    socket.writeRequest(buf, to, p, request);
  }

  private ByteBuf buffer(byte[] bytes) {
    return socket.channel().alloc().ioBuffer(bytes.length).writeBytes(bytes);
  }

  // ------------------------------------------------------------------ receiving, on the event loop

  private void onDatagram(byte[] data, int length, InetSocketAddress from) {
    KrpcMessage m;
    try {
      m = codec.decode(data, 0, length);
    } catch (KrpcFormatException e) {
      socket.drops().dropped(Kind.MALFORMED, from, e.getMessage());
      if (e.queryTransaction().isPresent() && handler != null) {
        sendError(e.queryTransaction().get(), ErrorCode.PROTOCOL.code(), e.getMessage(), from);
      }
      return;
    }
    if (m instanceof KrpcQuery q) {
      onQuery(q, from);
    } else if (m instanceof KrpcRawResponse r) {
      onResponse(r, from);
    } else {
      onError((KrpcError) m, from);
    }
  }

  private void onResponse(KrpcRawResponse raw, InetSocketAddress from) {
    PendingRequests<TransactionId>.Pending p = pending.claim(raw.transaction(), from);
    if (p == null) {
      return; // dropped and counted
    }
    String what = p.request().kind().label();
    NodeId responder = KrpcRecords.id(raw.responder());
    if (responder.equals(self)) {
      refuse(p, from, HostPort.of(from) + " answered " + what + " with this node's own id");
      return;
    }
    NodeId expect = expected.get(raw.transaction());
    if (expect != null && !expect.equals(responder)) {
      refuse(
          p,
          from,
          "expected node "
              + expect.toHex()
              + " at "
              + HostPort.of(from)
              + " to answer "
              + what
              + ", found "
              + responder.toHex());
      return;
    }
    Response response;
    try {
      KrpcResponse typed = codec.decodeResponse(KrpcRecords.args(p.request()), raw);
      typed.requesterAddress().ifPresent(ip -> reports.reported(from, ip));
      response = KrpcRecords.response(p.request(), typed);
    } catch (KrpcFormatException | IllegalArgumentException e) {
      refuse(
          p,
          from,
          "malformed answer from " + HostPort.of(from) + " to " + what + ": " + e.getMessage());
      return;
    }
    p.complete(response);
  }

  /** Fails a claimed request with an answer that did not pass, and counts it malformed. */
  private void refuse(
      PendingRequests<TransactionId>.Pending p, InetSocketAddress from, String reason) {
    socket.drops().dropped(Kind.MALFORMED, from, reason);
    p.fail(new RpcException(reason));
  }

  private void onError(KrpcError e, InetSocketAddress from) {
    PendingRequests<TransactionId>.Pending p = pending.claim(e.transaction(), from);
    if (p != null) {
      p.complete(new Response.Refused(e.code(), e.message()));
    }
  }

  private void onQuery(KrpcQuery q, InetSocketAddress from) {
    RequestHandler h = handler;
    if (h == null) {
      return; // not serving yet
    }
    if (q.sender().equals(selfId)) {
      socket.drops().dropped(Kind.MALFORMED, from, "a query naming this node's own id as sender");
      return;
    }
    Optional<Request> request;
    try {
      request = KrpcRecords.request(q);
    } catch (IllegalArgumentException e) {
      sendError(q.transaction(), ErrorCode.PROTOCOL.code(), e.getMessage(), from);
      return;
    }
    if (request.isEmpty()) {
      sendError(q.transaction(), ErrorCode.METHOD_UNKNOWN.code(), "method unknown", from);
      return;
    }
    Response response;
    try {
      response =
          q.readOnly() ? h.handleReadOnly(from, request.get()) : h.handle(from, request.get());
    } catch (RuntimeException e) {
      log.warn(
          "{}: the request handler failed on {} from {}: {}",
          this,
          request.get().kind().label(),
          HostPort.of(from),
          e.toString(),
          e);
      sendError(q.transaction(), ErrorCode.SERVER.code(), "server error", from);
      return;
    }
    if (response == null) {
      return;
    }
    if (response instanceof Response.Refused r) {
      sendError(q.transaction(), r.code(), r.message(), from);
      return;
    }
    byte[] bytes;
    try {
      KrpcResponse reply =
          KrpcRecords.reply(q, response, self, KrpcRecords.wanted(q, from))
              .withRequesterAddress(from)
              .withClientVersion(KrpcCodec.CLIENT_VERSION);
      bytes = codec.encode(reply);
    } catch (IllegalArgumentException e) {
      log.debug("{}: cannot answer {} from {}: {}", this, request.get().kind(), from, e.toString());
      sendError(q.transaction(), ErrorCode.SERVER.code(), "server error", from);
      return;
    }
    socket.writeAndForget(buffer(bytes), from);
  }

  private void sendError(TransactionId t, int code, String message, InetSocketAddress to) {
    KrpcError e =
        new KrpcError(
            t,
            code,
            message,
            Optional.of(selfId),
            Optional.of(to),
            Optional.of(KrpcCodec.CLIENT_VERSION),
            BDict.EMPTY);
    byte[] bytes;
    try {
      bytes = codec.encode(e);
    } catch (IllegalArgumentException tooLong) {
      bytes = codec.encode(KrpcError.of(t, ErrorCode.PROTOCOL, "malformed query"));
    }
    socket.writeAndForget(buffer(bytes), to);
  }

  private RpcException closedException(InetSocketAddress to, Request request) {
    return PendingRequests.closedError(socket.localAddress(), to, request);
  }
}
