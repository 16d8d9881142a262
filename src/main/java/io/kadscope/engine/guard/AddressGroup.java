package io.kadscope.engine.guard;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * The part of an IP address that one party controls, as limits count it: an IPv4 address whole, an
 * IPv6 address by its /64 prefix (one site's subnet, which a single host may fill with addresses).
 * Immutable; usable as a map key.
 */
public final class AddressGroup {
  private final byte[] bytes;
  private final int hash;

  private AddressGroup(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  /** The group {@code ip} belongs to. */
  public static AddressGroup of(InetAddress ip) {
    byte[] b = ip.getAddress();
    if (ip instanceof Inet6Address) {
      b = Arrays.copyOf(b, 8);
    }
    return new AddressGroup(b);
  }

  /**
   * Whether {@code a} and {@code b} are of one group, as {@code of(a).equals(of(b))} but without
   * making either: an IPv4 address compared whole, an IPv6 one by its first 64 bits.
   */
  public static boolean same(InetAddress a, InetAddress b) {
    if (a instanceof Inet6Address && b instanceof Inet6Address) {
      return Arrays.equals(a.getAddress(), 0, 8, b.getAddress(), 0, 8);
    }
    return !(a instanceof Inet6Address) && !(b instanceof Inet6Address) && a.equals(b);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AddressGroup g && Arrays.equals(bytes, g.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    if (bytes.length == 4) {
      return (bytes[0] & 0xff)
          + "."
          + (bytes[1] & 0xff)
          + "."
          + (bytes[2] & 0xff)
          + "."
          + (bytes[3] & 0xff);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < bytes.length; i += 2) {
      sb.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
    }
    return sb.append(":/64").toString();
  }
}
