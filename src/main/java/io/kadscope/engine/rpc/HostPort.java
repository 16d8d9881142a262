package io.kadscope.engine.rpc;

import java.net.InetSocketAddress;

/**
 * Writes a socket address as RPC errors and logs show it: {@code 1.2.3.4:7123}, {@code [::1]:7123}.
 */
public final class HostPort {
  private HostPort() {}

  /** The address as {@code host:port}, an IPv6 host in brackets; {@code (none)} for null. */
  public static String of(InetSocketAddress a) {
    if (a == null) {
      return "(none)";
    }
    String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
  }
}
