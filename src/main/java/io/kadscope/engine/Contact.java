package io.kadscope.engine;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A peer as the protocol knows it: its id and the UDP address it sends from and listens on.
 *
 * @param id the peer's 160-bit id
 * @param address its resolved IP address and port
 */
public record Contact(NodeId id, InetSocketAddress address) {
  public Contact {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(address, "address");
  }

  /** The IP address as text ({@code 127.0.0.1}), as the wire carries it. */
  public String host() {
    return address.getAddress() != null
        ? address.getAddress().getHostAddress()
        : address.getHostString();
  }

  /** The UDP port. */
  public int port() {
    return address.getPort();
  }

  @Override
  public String toString() {
    return id.shortHex(8) + "@" + host() + ":" + port();
  }
}
