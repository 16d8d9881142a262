package io.kadscope.transport;

import io.kadscope.wire.WireCodec;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.List;

/**
 * Which Netty I/O layer carries the datagrams: Linux epoll (batched {@code recvmmsg}/{@code
 * sendmmsg}, a few system calls per many datagrams) or portable NIO. {@link #best()} picks epoll
 * where its native library loads.
 */
public enum UdpTransport {
  /** Linux epoll with the native library: several datagrams per system call. */
  EPOLL {
    @Override
    public boolean isAvailable() {
      return Epoll.isAvailable();
    }

    @Override
    IoHandlerFactory ioHandlerFactory() {
      return EpollIoHandler.newFactory();
    }

    @Override
    DatagramChannel newChannel(SocketProtocolFamily family) {
      return new EpollDatagramChannel(family);
    }

    @Override
    void configure(Bootstrap b) {
      // recvmmsg: one receive buffer cut into RECEIVE_BATCH slots of RECEIVE_SLOT bytes each, and
      // no read after one that came back short (see BatchReadAllocator).
      b.option(
              ChannelOption.RECVBUF_ALLOCATOR,
              new BatchReadAllocator(RECEIVE_SLOT, RECEIVE_BATCH, MAX_MESSAGES_PER_READ))
          .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, RECEIVE_SLOT);
    }
  },

  /** Java NIO: works everywhere, one system call per datagram. */
  NIO {
    @Override
    public boolean isAvailable() {
      return true;
    }

    @Override
    IoHandlerFactory ioHandlerFactory() {
      return NioIoHandler.newFactory();
    }

    @Override
    DatagramChannel newChannel(SocketProtocolFamily family) {
      return new NioDatagramChannel(family);
    }

    @Override
    void configure(Bootstrap b) {
      b.option(ChannelOption.RECVBUF_ALLOCATOR, allocator(RECEIVE_SLOT));
    }
  };

  /**
   * Bytes received per datagram: one more than the largest valid datagram, so that a longer one,
   * which the kernel truncates to this, is still seen as oversized rather than read as a shorter
   * valid one. (Netty's default for datagrams, 2048, would silently cut large stores.)
   */
  static final int RECEIVE_SLOT = WireCodec.MAX_DATAGRAM_BYTES + 1;

  /** The name every event-loop thread of this transport starts with. */
  public static final String IO_THREAD_NAME = "kadscope-udp";

  /** Datagrams one {@code recvmmsg} call may return. */
  static final int RECEIVE_BATCH = 16;

  /**
   * Datagrams read from one socket per wake-up at most before the loop turns to other channels and
   * tasks. Set explicitly: a fixed allocator otherwise reads one datagram per wake-up (one more
   * {@code epoll_wait} each).
   */
  static final int MAX_MESSAGES_PER_READ = 64;

  /**
   * The system properties by which Netty's leak detector is set; the first is Netty's name, the
   * second its older one.
   */
  static final List<String> LEAK_DETECTION_PROPERTIES =
      List.of("io.netty.leakDetection.level", "io.netty.leakDetectionLevel");

  /** The system property by which Netty's buffer allocator sends its events to JFR. */
  static final String JFR_PROPERTY = "io.netty.jfr.enabled";

  static {
    jfrEventsOffUnlessAsked();
    leakDetectionOffUnlessAsked();
  }

  /**
   * Keeps Netty's allocator from registering its JFR event classes unless a system property asks
   * for them ({@code -Dio.netty.jfr.enabled=true}). Netty registers them when its allocator makes
   * its first chunk of buffers, on the event loop, and the first registration starts up JFR's
   * metadata repository: 70–85 ms of the event loop's time in the boot of W1 (a profile), for
   * events no one records. Set before Netty reads it, which is when its first class of buffers is
   * used; JFR itself ({@code -XX:StartFlightRecording}) works as before.
   */
  static void jfrEventsOffUnlessAsked() {
    if (System.getProperty(JFR_PROPERTY) == null) {
      System.setProperty(JFR_PROPERTY, "false");
    }
  }

  /**
   * Turns Netty's leak detector off unless a system property sets its level. It samples one buffer
   * in 128 and records a stack trace for each one sampled: about 2 % of a busy loop's time (a
   * profile of a {@code find_node} flood). Every buffer this package takes is released in a {@code
   * finally} on the loop that took it. {@code -Dio.netty.leakDetection.level=simple} (or {@code
   * paranoid}) turns it back on, as the build's tests do.
   */
  static void leakDetectionOffUnlessAsked() {
    if (LEAK_DETECTION_PROPERTIES.stream().allMatch(p -> System.getProperty(p) == null)) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
  }

  /** Epoll where the native library loads, else NIO. */
  public static UdpTransport best() {
    return EPOLL.isAvailable() ? EPOLL : NIO;
  }

  /** Whether this transport can run here. */
  public abstract boolean isAvailable();

  abstract IoHandlerFactory ioHandlerFactory();

  abstract DatagramChannel newChannel(SocketProtocolFamily family);

  abstract void configure(Bootstrap b);

  /** An event loop group of {@code threads} daemon threads for this transport's channels. */
  EventLoopGroup newGroup(int threads) {
    if (!isAvailable()) {
      throw new IllegalStateException(
          this + " is not available here: " + (this == EPOLL ? Epoll.unavailabilityCause() : ""));
    }
    return new MultiThreadIoEventLoopGroup(
        threads, new DefaultThreadFactory(IO_THREAD_NAME, true), ioHandlerFactory());
  }

  private static RecvByteBufAllocator allocator(int bufferSize) {
    return new FixedRecvByteBufAllocator(bufferSize).maxMessagesPerRead(MAX_MESSAGES_PER_READ);
  }
}
