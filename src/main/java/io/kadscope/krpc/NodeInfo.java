package io.kadscope.krpc;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A node as a KRPC reply lists it: its id and UDP address. On the wire this is "compact node info",
 * 26 bytes for IPv4 in {@code nodes} (BEP 5) and 38 bytes for IPv6 in {@code nodes6} (BEP 32): the
 * 20-byte id, the address, the port big-endian.
 */
public record NodeInfo(Id160 id, InetSocketAddress address) {
  /** Bytes of one IPv4 entry: id 20, address 4, port 2. */
  public static final int COMPACT_IPV4_BYTES = Id160.BYTES + Compact.IPV4_PEER_BYTES;

  /** Bytes of one IPv6 entry: id 20, address 16, port 2. */
  public static final int COMPACT_IPV6_BYTES = Id160.BYTES + Compact.IPV6_PEER_BYTES;

  /** A node at a resolved (literal) address. */
  public NodeInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(address, "address");
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("a node's address is an IP literal, found " + address);
    }
  }

  /** Whether the address is IPv4, which belongs in {@code nodes} rather than {@code nodes6}. */
  public boolean isIpv4() {
    return address.getAddress() instanceof Inet4Address;
  }
}
