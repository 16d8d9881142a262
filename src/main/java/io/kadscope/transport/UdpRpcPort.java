package io.kadscope.transport;

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
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
  private static final long CLOSE_WAIT_SECONDS = 5;

  private final Channel channel;
  private final EventLoop loop;
  private final EventLoopGroup ownedGroup;
  private final WireCodec codec = new WireCodec();
  private final MessageIdSource ids = new MessageIdSource();
  private final PendingRequests<MessageId> pending;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile InetSocketAddress localAddress;
  private volatile RequestHandler handler;
  private final DropCounter drops = new DropCounter(this);
  private boolean reading;
  private volatile InboundLoss loss;

  /** Datagrams dropped on arrival on purpose: a lossy network, for tests only. */
  private record InboundLoss(double probability, Random random) {
    boolean drop() {
      return random.nextDouble() < probability;
    }
  }

  private UdpRpcPort(Bootstrap bootstrap, EventLoopGroup ownedGroup) {
    this.ownedGroup = ownedGroup;
    ChannelFuture registered = bootstrap.handler(new UdpChannelHandler(new Inbound())).register();
    this.channel = registered.channel();
    this.loop = channel.eventLoop();
    this.pending =
        new PendingRequests<>(
            new EventLoopScheduler(loop),
            (from, reason) -> drops.dropped(Kind.UNSOLICITED, from, reason));
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
    Objects.requireNonNull(bind, "bind");
    if (bind.isUnresolved()) {
      throw new UncheckedIOException(
          new IOException("cannot listen on UDP " + HostPort.of(bind) + ": unresolved address"));
    }
    SocketProtocolFamily family =
        bind.getAddress() instanceof Inet6Address
            ? SocketProtocolFamily.INET6
            : SocketProtocolFamily.INET;
    Bootstrap b = new Bootstrap().group(group).channelFactory(() -> transport.newChannel(family));
    transport.configure(b);
    UdpRpcPort port = new UdpRpcPort(b, ownsGroup ? group : null);
    ChannelFuture bound = port.channel.bind(bind).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      port.channel.close().awaitUninterruptibly();
      Throwable cause = bound.cause();
      String reason = String.valueOf(cause.getMessage());
      if (reason.startsWith("bind(..) failed") && reason.contains(": ")) {
        // epoll says "bind(..) failed with error(-98): Address already in use"; NIO says the rest
        reason = reason.substring(reason.indexOf(": ") + 2);
      }
      String message = "cannot listen on UDP " + HostPort.of(bind) + ": " + reason;
      IOException io = new IOException(message, cause);
      throw new UncheckedIOException(message, io);
    }
    port.localAddress = (InetSocketAddress) port.channel.localAddress();
    return port;
  }

  // ------------------------------------------------------------------ RpcPort

  @Override
  public InetSocketAddress localAddress() {
    return localAddress;
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
    if (loop.inEventLoop()) {
      doSend(to, request, timeout, future);
    } else {
      try {
        loop.execute(() -> doSend(to, request, timeout, future));
      } catch (RejectedExecutionException e) {
        future.completeExceptionally(closedException(to, request));
      }
    }
    return future;
  }

  @Override
  public void serve(RequestHandler handler) {
    this.handler = handler;
  }

  @Override
  public RpcStats stats() {
    return drops.stats();
  }

  /** Stops listening; pending requests fail with {@link RpcException}. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    boolean onLoop = loop.inEventLoop();
    if (onLoop) {
      shutdown();
    } else {
      try {
        loop.submit(this::shutdown).awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (RejectedExecutionException e) {
        channel.close(); // the loop is gone already; so is the socket
      }
      channel.closeFuture().awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    }
    if (ownedGroup != null) {
      var terminated = ownedGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      if (!onLoop) {
        terminated.awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
      }
    }
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
    return channel;
  }

  @Override
  public String toString() {
    return "UdpRpcPort[" + (localAddress == null ? "unbound" : HostPort.of(localAddress)) + "]";
  }

  // ------------------------------------------------------------------ on the event loop

  private void doSend(
      InetSocketAddress to, Request request, Duration timeout, CompletableFuture<Response> future) {
    if (closed.get()) {
      future.completeExceptionally(closedException(to, request));
      return;
    }
    ByteBuf buf;
    MessageId id = ids.next();
    try {
      ByteBuffer bytes = codec.encodeRequest(id, request);
      buf = channel.alloc().ioBuffer(bytes.remaining()).writeBytes(bytes);
    } catch (RuntimeException e) { // MessageTooLargeException above all
      future.completeExceptionally(e);
      return;
    }
    PendingRequests<MessageId>.Pending p = pending.add(id, to, request, timeout, future);
    ChannelFutureListener failFast =
        f -> {
          // A failed send fails the request now rather than at its timeout.
          if (!f.isSuccess()) {
            p.abandon(
                new RpcException(
                    "cannot send "
                        + request.kind().label()
                        + " to "
                        + HostPort.of(to)
                        + ": "
                        + f.cause()));
          }
        };
    write(new DatagramPacket(buf, to)).addListener(failFast);
  }

  /** Writes now; flushes now unless a read batch is under way, whose end flushes it. */
  private ChannelFuture write(DatagramPacket packet) {
    return reading ? channel.write(packet) : channel.writeAndFlush(packet);
  }

  private void onDatagram(byte[] data, int length, InetSocketAddress from) {
    Datagram d;
    try {
      d = codec.decode(data, 0, length);
    } catch (WireFormatException e) {
      drops.dropped(Kind.MALFORMED, from, e.getMessage());
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
      drops.dropped(Kind.MALFORMED, from, e.getMessage());
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
      buf = channel.alloc().ioBuffer(bytes.remaining()).writeBytes(bytes);
    } catch (RuntimeException e) {
      log.debug(
          "{}: not answering {} from {}: {}", this, q.request().kind().label(), from, e.toString());
      return;
    }
    DatagramPacket packet = new DatagramPacket(buf, from);
    if (reading) {
      channel.write(packet, channel.voidPromise());
    } else {
      channel.writeAndFlush(packet, channel.voidPromise());
    }
  }

  private void shutdown() {
    pending.close(localAddress);
    channel.close();
  }

  private RpcException closedException(InetSocketAddress to, Request request) {
    return PendingRequests.closedError(localAddress, to, request);
  }

  /**
   * The sender as the engine should see it: epoll reports IPv6 senders with a zone id even when it
   * is 0, which would make {@code ::1} print (and travel in stun and contact lists) as {@code
   * ::1%0}; such an address is rebuilt without it. IPv4 senders pass unchanged, without allocation.
   */
  static InetSocketAddress canonical(InetSocketAddress a) {
    if (a.getAddress() instanceof Inet6Address v6
        && v6.getScopeId() == 0
        && v6.getScopedInterface() == null) {
      try {
        return new InetSocketAddress(InetAddress.getByAddress(v6.getAddress()), a.getPort());
      } catch (UnknownHostException e) {
        return a; // unreachable: 16 bytes are a valid IPv6 address
      }
    }
    return a;
  }

  /** What the Netty adapter delivers, handled here, outside Netty's handler. */
  private final class Inbound implements DatagramSink {
    @Override
    public void datagram(byte[] data, int length, InetSocketAddress sender) {
      reading = true;
      InboundLoss l = loss;
      if (l != null && l.drop()) {
        return;
      }
      drops.received();
      if (closed.get()) {
        return;
      }
      try {
        onDatagram(data, length, canonical(sender));
      } catch (RuntimeException e) {
        // A bug, not the peer's fault; still, one datagram must not stop the node.
        log.warn("{}: failed on a datagram from {}: {}", UdpRpcPort.this, sender, e.toString(), e);
      }
    }

    @Override
    public void oversized(int length, InetSocketAddress sender) {
      reading = true;
      drops.received();
      drops.dropped(
          Kind.OVERSIZED,
          sender,
          "datagram of "
              + length
              + " bytes or more; at most "
              + WireCodec.MAX_DATAGRAM_BYTES
              + " expected");
    }

    @Override
    public void readComplete() {
      reading = false;
      channel.flush();
    }
  }
}
