package io.kadscope.wire;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * The addresses a codec decoded lately, so that the same peers listed answer after answer are not
 * parsed and allocated again: the IP literal's bytes map to its {@link InetAddress}, and an address
 * with a port to its {@link InetSocketAddress}. Both are immutable, so a decoded contact may share
 * them. Direct-mapped and fixed in size: a lookup allocates nothing, and a miss replaces whatever
 * held its slot. One codec's, used by one thread.
 */
final class AddressCache {
  /** Slots in each table; a power of two. */
  static final int SLOTS = 256;

  private final byte[][] literals = new byte[SLOTS][];
  private final InetAddress[] ips = new InetAddress[SLOTS];
  private final InetSocketAddress[] sockets = new InetSocketAddress[SLOTS];

  /**
   * The address written in {@code s[off, off+len)}, or null when it is not an IP literal ({@link
   * IpLiterals#parse}).
   */
  InetAddress ip(byte[] s, int off, int len) {
    int h = 1;
    for (int i = off; i < off + len; i++) {
      h = 31 * h + s[i];
    }
    int slot = spread(h);
    byte[] known = literals[slot];
    if (known != null && Arrays.equals(known, 0, known.length, s, off, off + len)) {
      return ips[slot];
    }
    InetAddress parsed = IpLiterals.parse(s, off, len);
    if (parsed != null) {
      literals[slot] = Arrays.copyOfRange(s, off, off + len);
      ips[slot] = parsed;
    }
    return parsed;
  }

  /** {@code ip} with {@code port}; the same instance while it holds its slot. */
  InetSocketAddress socket(InetAddress ip, int port) {
    int slot = spread(31 * System.identityHashCode(ip) + port);
    InetSocketAddress known = sockets[slot];
    if (known != null && known.getAddress() == ip && known.getPort() == port) {
      return known;
    }
    InetSocketAddress made = new InetSocketAddress(ip, port);
    sockets[slot] = made;
    return made;
  }

  private static int spread(int h) {
    return (h ^ (h >>> 16) ^ (h >>> 8)) & (SLOTS - 1);
  }
}
