package io.kadscope.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;

/**
 * The raw UDP round trip of this machine, measured in this process: one thread sends a datagram to
 * a plain echo socket served by a second thread and waits for it to come back, again and again. No
 * protocol, no event loop: the kernel's loopback path and two threads woken, as between two peers.
 * It is the floor a latency-bound operation is compared with ({@link LocalBench}).
 */
final class UdpFloor {
  /** Round trips timed, after as many untimed to warm the path. */
  static final int ROUND_TRIPS = 2000;

  /** The size of a find_value request for a W1 key, about: the echo carries this many bytes. */
  static final int DATAGRAM_BYTES = 64;

  private UdpFloor() {}

  /** The median of {@link #ROUND_TRIPS} round trips on 127.0.0.1, in nanoseconds. */
  static long medianRoundTripNanos() {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (DatagramChannel echo = DatagramChannel.open();
        DatagramChannel client = DatagramChannel.open()) {
      echo.bind(new InetSocketAddress(loopback, 0));
      client.bind(new InetSocketAddress(loopback, 0));
      SocketAddress echoAddress = echo.getLocalAddress();
      Thread server = new Thread(() -> serve(echo, 2 * ROUND_TRIPS), "udp-floor-echo");
      server.setDaemon(true);
      server.start();
      ByteBuffer out = ByteBuffer.allocate(DATAGRAM_BYTES);
      ByteBuffer in = ByteBuffer.allocate(DATAGRAM_BYTES);
      long[] nanos = new long[ROUND_TRIPS];
      for (int i = 0; i < 2 * ROUND_TRIPS; i++) {
        out.clear();
        in.clear();
        long t = System.nanoTime();
        client.send(out, echoAddress);
        client.receive(in);
        if (i >= ROUND_TRIPS) {
          nanos[i - ROUND_TRIPS] = System.nanoTime() - t;
        }
      }
      server.join();
      Arrays.sort(nanos);
      return nanos[ROUND_TRIPS / 2];
    } catch (IOException e) {
      throw new UncheckedIOException("cannot measure the UDP round trip on loopback: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while measuring the UDP round trip", e);
    }
  }

  private static void serve(DatagramChannel echo, int count) {
    ByteBuffer b = ByteBuffer.allocate(DATAGRAM_BYTES);
    try {
      for (int i = 0; i < count; i++) {
        b.clear();
        SocketAddress from = echo.receive(b);
        b.flip();
        echo.send(b, from);
      }
    } catch (IOException e) {
      // the client sees no answer and fails in turn; nothing to add here
    }
  }
}
