package io.kadscope.krpc;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** The compact forms of BEP 5 and BEP 32: an address and port, and node info, as raw bytes. */
final class Compact {
  /** An IPv4 address and port: 4 + 2 bytes. */
  static final int IPV4_PEER_BYTES = 6;

  /** An IPv6 address and port: 16 + 2 bytes. */
  static final int IPV6_PEER_BYTES = 18;

  private Compact() {}

  /** The address and port in {@code b[offset, offset+length)}, length 6 or 18. */
  static InetSocketAddress peer(byte[] b, int offset, int length) {
    byte[] ip = new byte[length - 2];
    System.arraycopy(b, offset, ip, 0, ip.length);
    int port = ((b[offset + ip.length] & 0xff) << 8) | (b[offset + ip.length + 1] & 0xff);
    try {
      // Inet6Address keeps a 16-byte address IPv6 even when it is IPv4-mapped (::ffff:a.b.c.d),
      // so that it stays in nodes6 and re-encodes to the same 18 bytes.
      InetAddress address =
          ip.length == 16 ? Inet6Address.getByAddress(null, ip, -1) : InetAddress.getByAddress(ip);
      return new InetSocketAddress(address, port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("an address is 4 or 16 bytes, found " + ip.length, e);
    }
  }

  /** The compact form of {@code address}: 6 bytes for IPv4, 18 for IPv6. */
  static BBytes peer(InetSocketAddress address) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(IPV6_PEER_BYTES);
    writePeer(address, out);
    return BBytes.wrap(out.toByteArray());
  }

  private static void writePeer(InetSocketAddress address, ByteArrayOutputStream out) {
    InetAddress ip = address.getAddress();
    if (ip == null) {
      throw new IllegalArgumentException("a compact address needs an IP literal, found " + address);
    }
    out.writeBytes(ip.getAddress());
    out.write(address.getPort() >>> 8);
    out.write(address.getPort());
  }

  /** The entries of a {@code nodes} (26 bytes each) or {@code nodes6} (38 bytes each) string. */
  static List<NodeInfo> nodes(BBytes compact, int entryBytes) {
    byte[] b = compact.raw();
    List<NodeInfo> out = new ArrayList<>(b.length / entryBytes);
    for (int at = 0; at + entryBytes <= b.length; at += entryBytes) {
      out.add(new NodeInfo(Id160.of(b, at), peer(b, at + Id160.BYTES, entryBytes - Id160.BYTES)));
    }
    return out;
  }

  /** The {@code nodes} or {@code nodes6} string of {@code nodes}. */
  static BBytes nodes(List<NodeInfo> nodes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(nodes.size() * 38);
    for (NodeInfo n : nodes) {
      byte[] id = new byte[Id160.BYTES];
      n.id().copyTo(id, 0);
      out.writeBytes(id);
      writePeer(n.address(), out);
    }
    return BBytes.wrap(out.toByteArray());
  }

  /** Whether {@code address} is IPv4. */
  static boolean isIpv4(InetSocketAddress address) {
    return address.getAddress() instanceof Inet4Address;
  }
}
