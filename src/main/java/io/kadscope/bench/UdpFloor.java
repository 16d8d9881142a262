package io.kadscope.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
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

  /** How long one round trip may take before its datagram counts as lost and is sent again. */
  static final int LOST_AFTER_MILLIS = 1000;

  private UdpFloor() {}

  /** The median of {@link #ROUND_TRIPS} round trips on 127.0.0.1, in nanoseconds. */
  static long medianRoundTripNanos() {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (DatagramSocket echo = new DatagramSocket(new InetSocketAddress(loopback, 0));
        DatagramSocket client = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
      Thread server = new Thread(() -> serve(echo), "udp-floor-echo");
      server.setDaemon(true);
      server.start();
      client.setSoTimeout(LOST_AFTER_MILLIS);
      DatagramPacket out =
          new DatagramPacket(
              new byte[DATAGRAM_BYTES], DATAGRAM_BYTES, echo.getLocalSocketAddress());
      DatagramPacket in = new DatagramPacket(new byte[DATAGRAM_BYTES], DATAGRAM_BYTES);
      long[] nanos = new long[ROUND_TRIPS];
      int done = 0;
      int lost = 0;
      while (done < 2 * ROUND_TRIPS) {
        long t = System.nanoTime();
        client.send(out);
        try {
          client.receive(in);
        } catch (SocketTimeoutException e) {
          if (++lost > ROUND_TRIPS) {
            throw new UncheckedIOException(
                new IOException("the UDP echo on loopback stopped answering: " + lost + " lost"));
          }
          continue; // lost on loopback, rarely: send it again
        }
        if (done >= ROUND_TRIPS) {
          nanos[done - ROUND_TRIPS] = System.nanoTime() - t;
        }
        done++;
      }
      Arrays.sort(nanos);
      return nanos[ROUND_TRIPS / 2];
    } catch (IOException e) {
      throw new UncheckedIOException("cannot measure the UDP round trip on loopback: " + e, e);
    }
  }

  /** Echoes every datagram to its sender until the socket is closed. */
  private static void serve(DatagramSocket echo) {
    DatagramPacket p = new DatagramPacket(new byte[DATAGRAM_BYTES], DATAGRAM_BYTES);
    try {
      while (true) {
        p.setLength(DATAGRAM_BYTES);
        echo.receive(p);
        echo.send(p);
      }
    } catch (SocketException e) {
      // closed: the measurement is over
    } catch (IOException e) {
      // the client sees no answer and says so in turn
    }
  }
}
