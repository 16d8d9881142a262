package io.kadscope.transport;

import java.net.InetSocketAddress;

/** Where the Netty adapter delivers what it read: bytes and sender, nothing of Netty. */
interface DatagramSink {
  /**
   * One datagram of {@code length} bytes in {@code data}, which is reused for the next datagram:
   * consume it before returning.
   */
  void datagram(byte[] data, int length, InetSocketAddress sender);

  /** One datagram longer than any valid one; its bytes were not copied. */
  void oversized(int length, InetSocketAddress sender);

  /** The end of a batch of reads: the time to flush what was written meanwhile. */
  void readComplete();
}
