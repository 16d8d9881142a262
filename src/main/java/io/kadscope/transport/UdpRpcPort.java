package io.kadscope.transport;

import io.kadscope.engine.Scheduler;
import io.kadscope.engine.rpc.HostPort;
import io.kadscope.engine.rpc.PendingRequests;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.RequestHandler;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcException;
import io.kadscope.engine.rpc.RpcPort;
import io.kadscope.engine.rpc.RpcStats;
import io.kadscope.transport.DropCounter.Kind;
import io.kadscope.wire.Datagram;
import io.kadscope.wire.MessageId;
import io.kadscope.wire.WireCodec;
import io.kadscope.wire.WireFormatException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link RpcPort} over one UDP socket: requests leave from the port it listens on, each with 20
 * random message id bytes; an answer is taken only from the address asked, with a known id, once
 * ({@link PendingRequests} keeps that rule). Everything else is dropped and counted in {@link
 * #stats()}, never answered.
 *
 * <pre>{@code
 * try (UdpRpcPort port = UdpRpcPort.open(new InetSocketAddress("0.0.0.0", 0))) {
 *   Response r = port.send(peer, new Request.Ping(myId), Duration.ofSeconds(5)).join();
 * }
 * }</pre>
 *
 * <p>All protocol work runs on the channel's event loop: incoming requests are answered inline by
 * the installed {@link RequestHandler}, futures complete there (timeouts too: they run on the loop
 * through an {@link EventLoopScheduler}), and writes made meanwhile are flushed once per read
 * batch. Thread-safe; do not block in callbacks.
 */
public final class UdpRpcPort implements RpcPort {
  private static final Logger log = LoggerFactory.getLogger(UdpRpcPort.class);

  private final UdpSocket socket;
  private final WireCodec codec = new WireCodec();
  private final MessageIdSource ids = new MessageIdSource();
  private final PendingRequests<MessageId> pending;
  private volatile RequestHandler handler;
  private volatile InboundLoss loss;

  /** Datagrams dropped on arrival on purpose: a lossy network, for tests only. */
  private record InboundLoss(double probability, Random random) {
    boolean drop() {
      return random.nextDouble() < probability;
    }
  }

  private UdpRpcPort(UdpSocket socket) {
    this.socket = socket;
    this.pending =
        new PendingRequests<>(
            socket.timers(),
            (from, reason) -> socket.drops().dropped(Kind.UNSOLICITED, from, reason));
    socket.receiver(
        (data, length, from) -> {
          InboundLoss l = loss;
          if (l == null || !l.drop()) {
            onDatagram(data, length, from);
          }
        });
  }

  // ------------------------------------------------------------------ making ports

  /**
   * A standalone port on {@code bind} with its own one-thread event loop, released by {@link
   * #close()}; for tools such as a {@code ping HOST PORT} command. Port 0 picks a free port.
   *
   * @throws UncheckedIOException when the address cannot be bound (the message names it)
   */
  public static UdpRpcPort open(InetSocketAddress bind) {
    return open(bind, UdpTransport.best());
  }

  /**
   * A standalone port on {@code bind} over {@code transport}; see {@link #open(InetSocketAddress)}.
   */
  public static UdpRpcPort open(InetSocketAddress bind, UdpTransport transport) {
    EventLoopGroup group = transport.newGroup(1);
    try {
      return bind(group, transport, bind, true);
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
  }

  /**
   * A port on {@code bind} whose channel runs on {@code group}, made by {@code transport}. Must not
   * be called on one of the group's threads (it waits for the bind).
   */
  static UdpRpcPort bind(
      EventLoopGroup group, UdpTransport transport, InetSocketAddress bind, boolean ownsGroup) {
    UdpSocket socket =
        UdpSocket.open(
            "UdpRpcPort", group, transport, bind, ownsGroup, WireCodec.MAX_DATAGRAM_BYTES);
    UdpRpcPort port = new UdpRpcPort(socket);
    socket.bind(bind);
    return port;
  }

  // ------------------------------------------------------------------ RpcPort

  /** The event loop that reads this port's socket, where its requests' timeouts run. */
  @Override
  public Optional<Scheduler> timers() {
    return Optional.of(socket.timers());
  }

  @Override
  public InetSocketAddress localAddress() {
    return socket.localAddress();
  }

  @Override
  public CompletableFuture<Response> send(InetSocketAddress to, Request request, Duration timeout) {
    Objects.requireNonNull(to, "to");
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
    if (!socket.onLoop(() -> doSend(to, request, timeout, future))) {
      future.completeExceptionally(closedException(to, request));
    }
    return future;
  }

  @Override
  public void serve(RequestHandler handler) {
    this.handler = handler;
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

  /**
   * Drops each datagram that reaches this port, request or answer, with {@code probability}, as a
   * lossy network would, before anything reads it: for tests of the engine's retransmissions on
   * real UDP. Package-private: no peer a user runs loses datagrams on purpose.
   */
  void loseInbound(double probability, Random random) {
    if (probability < 0 || probability >= 1) {
      throw new IllegalArgumentException("loss is a probability in [0, 1), found " + probability);
    }
    this.loss = probability == 0 ? null : new InboundLoss(probability, random);
  }

  /** The Netty channel, for tests of its configuration. */
  Channel channel() {
    return socket.channel();
  }

  @Override
  public String toString() {
    return socket.toString();
  }

  // ------------------------------------------------------------------ on the event loop

  private void doSend(
      InetSocketAddress to, Request request, Duration timeout, CompletableFuture<Response> future) {
    if (socket.isClosed()) {
      future.completeExceptionally(closedException(to, request));
      return;
    }
    ByteBuf buf;
    MessageId id = ids.next();
    try {
      ByteBuffer bytes = codec.encodeRequest(id, request);
      buf = socket.channel().alloc().ioBuffer(bytes.remaining()).writeBytes(bytes);
    } catch (RuntimeException e) { // MessageTooLargeException above all
      future.completeExceptionally(e);
      return;
    }
    PendingRequests<MessageId>.Pending p = pending.add(id, to, request, timeout, future);
    socket.writeRequest(buf, to, p, request);
  }

  private void onDatagram(byte[] data, int length, InetSocketAddress from) {
    Datagram d;
    try {
      d = codec.decode(data, 0, length);
    } catch (WireFormatException e) {
      socket.drops().dropped(Kind.MALFORMED, from, e.getMessage());
      return;
    }
    if (d instanceof Datagram.OfRequest q) {
      onRequest(q, from);
    } else {
      onResponse((Datagram.OfResponse) d, from);
    }
  }

  private void onResponse(Datagram.OfResponse d, InetSocketAddress from) {
    PendingRequests<MessageId>.Pending p = pending.claim(d.id(), from);
    if (p == null) {
      return; // dropped and counted
    }
    Response response;
    try {
      response = codec.decodeResponse(p.request(), d.body());
    } catch (WireFormatException e) {
      socket.drops().dropped(Kind.MALFORMED, from, e.getMessage());
      p.fail(
          new RpcException(
              "malformed answer from "
                  + HostPort.of(from)
                  + " to "
                  + p.request().kind().label()
                  + ": "
                  + e.getMessage()));
      return;
    }
    p.complete(response);
  }

  private void onRequest(Datagram.OfRequest q, InetSocketAddress from) {
    RequestHandler h = handler;
    if (h == null) {
      return; // not serving yet
    }
    Response response;
    try {
      response = h.handle(from, q.request());
    } catch (RuntimeException e) {
      log.warn(
          "{}: the request handler failed on {} from {}: {}",
          this,
          q.request().kind().label(),
          HostPort.of(from),
          e.toString(),
          e);
      return;
    }
    if (response == null) {
      return;
    }
    ByteBuf buf;
    try {
      ByteBuffer bytes = codec.encodeResponse(q.id(), response);
      buf = socket.channel().alloc().ioBuffer(bytes.remaining()).writeBytes(bytes);
    } catch (RuntimeException e) {
      log.debug(
          "{}: not answering {} from {}: {}", this, q.request().kind().label(), from, e.toString());
      return;
    }
    socket.writeAndForget(buf, from);
  }

  private RpcException closedException(InetSocketAddress to, Request request) {
    return PendingRequests.closedError(socket.localAddress(), to, request);
  }
}
