package io.kadscope.transport;

import io.kadscope.engine.rpc.HostPort;
import io.kadscope.engine.rpc.PendingRequests;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.RpcException;
import io.kadscope.engine.rpc.RpcStats;
import io.kadscope.transport.DropCounter.Kind;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
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
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP socket on a Netty event loop, as every port of this package uses it, whatever its
 * protocol: bound on {@link #open}, it hands each datagram's bytes and canonical sender to a {@link
 * Receiver} outside Netty's handler, counts what arrives and what is dropped, and batches the
 * writes made while a read batch is under way into one flush at its end. Closing runs the port's
 * own shutdown on the loop, then closes the channel (and the group, if the socket owns it).
 */
final class UdpSocket {
  private static final Logger log = LoggerFactory.getLogger(UdpSocket.class);
  private static final long CLOSE_WAIT_SECONDS = 5;

  /** What a port does with one datagram; runs on the loop. */
  @FunctionalInterface
  interface Receiver {
    /** {@code data[0, length)} came from {@code from}; {@code data} is reused afterwards. */
    void datagram(byte[] data, int length, InetSocketAddress from);
  }

  private final String name;
  private final Channel channel;
  private final EventLoop loop;
  private final EventLoopScheduler timers;
  private final EventLoopGroup ownedGroup;
  private final int maxDatagramBytes;
  private final DropCounter drops = new DropCounter(this);
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile InetSocketAddress localAddress;
  private volatile Receiver receiver;
  private boolean reading;

  private UdpSocket(
      String name, Bootstrap bootstrap, EventLoopGroup ownedGroup, int maxDatagramBytes) {
    this.name = name;
    this.ownedGroup = ownedGroup;
    this.maxDatagramBytes = maxDatagramBytes;
    ChannelFuture registered =
        bootstrap.handler(new UdpChannelHandler(new Inbound(), maxDatagramBytes)).register();
    this.channel = registered.channel();
    this.loop = channel.eventLoop();
    this.timers = new EventLoopScheduler(loop);
  }

  /**
   * A socket whose channel runs on {@code group}, made by {@code transport} and not yet bound; give
   * it a receiver, then {@link #bind} it. Must not be called on one of the group's threads.
   *
   * @param name names the port in logs, e.g. {@code UdpRpcPort}
   * @param maxDatagramBytes a longer datagram is dropped as oversized, its bytes not copied
   */
  static UdpSocket open(
      String name,
      EventLoopGroup group,
      UdpTransport transport,
      InetSocketAddress bind,
      boolean ownsGroup,
      int maxDatagramBytes) {
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
    return new UdpSocket(name, b, ownsGroup ? group : null, maxDatagramBytes);
  }

  /** Where datagrams go; set before {@link #bind}. */
  void receiver(Receiver r) {
    this.receiver = r;
  }

  /**
   * Binds to {@code bind}, waiting for it.
   *
   * @throws UncheckedIOException when the address cannot be bound, e.g. {@code cannot listen on UDP
   *     0.0.0.0:7123: Address already in use}; the socket is closed then
   */
  void bind(InetSocketAddress bind) {
    ChannelFuture bound = channel.bind(bind).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      channel.close().awaitUninterruptibly();
      if (ownedGroup != null) {
        ownedGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      }
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
    localAddress = (InetSocketAddress) channel.localAddress();
  }

  InetSocketAddress localAddress() {
    return localAddress;
  }

  EventLoop loop() {
    return loop;
  }

  /** The engine's scheduler on this socket's loop: where a port times its requests. */
  EventLoopScheduler timers() {
    return timers;
  }

  Channel channel() {
    return channel;
  }

  boolean isClosed() {
    return closed.get();
  }

  DropCounter drops() {
    return drops;
  }

  RpcStats stats() {
    return drops.stats();
  }

  /** Runs {@code task} on the loop: now when called there, else later; false when it is gone. */
  boolean onLoop(Runnable task) {
    if (loop.inEventLoop()) {
      task.run();
      return true;
    }
    try {
      loop.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /**
   * Writes a request's datagram to {@code to}; a write that fails (the socket closed, the datagram
   * refused) fails the pending request at once, rather than at its timeout.
   */
  void writeRequest(
      ByteBuf buf, InetSocketAddress to, PendingRequests<?>.Pending pending, Request request) {
    write(buf, to)
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                pending.abandon(
                    new RpcException(
                        "cannot send "
                            + request.kind().label()
                            + " to "
                            + HostPort.of(to)
                            + ": "
                            + f.cause()));
              }
            });
  }

  /** Writes {@code buf} to {@code to} now; flushes now unless a read batch, whose end flushes. */
  ChannelFuture write(ByteBuf buf, InetSocketAddress to) {
    DatagramPacket packet = new DatagramPacket(buf, to);
    return reading ? channel.write(packet) : channel.writeAndFlush(packet);
  }

  /** As {@link #write}, for an answer whose outcome nobody awaits. */
  void writeAndForget(ByteBuf buf, InetSocketAddress to) {
    DatagramPacket packet = new DatagramPacket(buf, to);
    if (reading) {
      channel.write(packet, channel.voidPromise());
    } else {
      channel.writeAndFlush(packet, channel.voidPromise());
    }
  }

  /**
   * Stops listening: runs {@code shutdown} on the loop (the port fails what is pending there), then
   * closes the channel, and the group if this socket owns it. Idempotent; false the second time.
   */
  boolean close(Runnable shutdown) {
    if (!closed.compareAndSet(false, true)) {
      return false;
    }
    Runnable both =
        () -> {
          shutdown.run();
          channel.close();
        };
    boolean onLoop = loop.inEventLoop();
    if (onLoop) {
      both.run();
    } else {
      try {
        loop.submit(both).awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
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
    return true;
  }

  @Override
  public String toString() {
    return name + "[" + (localAddress == null ? "unbound" : HostPort.of(localAddress)) + "]";
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

  /** What the Netty adapter delivers, handed on here, outside Netty's handler. */
  private final class Inbound implements DatagramSink {
    @Override
    public void datagram(byte[] data, int length, InetSocketAddress sender) {
      reading = true;
      drops.received();
      Receiver r = receiver;
      if (closed.get() || r == null) {
        return;
      }
      try {
        r.datagram(data, length, canonical(sender));
      } catch (RuntimeException e) {
        // A bug, not the peer's fault; still, one datagram must not stop the node.
        log.warn("{}: failed on a datagram from {}: {}", UdpSocket.this, sender, e.toString(), e);
      }
    }

    @Override
    public void oversized(int length, InetSocketAddress sender) {
      reading = true;
      drops.received();
      drops.dropped(
          Kind.OVERSIZED,
          sender,
          "datagram of " + length + " bytes or more; at most " + maxDatagramBytes + " expected");
    }

    @Override
    public void readComplete() {
      reading = false;
      channel.flush();
    }
  }
}
