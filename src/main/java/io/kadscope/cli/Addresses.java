package io.kadscope.cli;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Resolves host names for seeds and prints addresses the way a person types them. */
public final class Addresses {
  private Addresses() {}

  /**
   * Resolves {@code host} (an IP address or a name such as {@code node0}) to a socket address,
   * preferring IPv4 as the course's peers listen on IPv4.
   *
   * @throws IllegalArgumentException when the name does not resolve; the message names it
   */
  public static InetSocketAddress resolve(String host, int port) {
    InetAddress[] all;
    try {
      all = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cannot resolve host '" + host + "'", e);
    }
    InetAddress chosen = all[0];
    for (InetAddress a : all) {
      if (a instanceof Inet4Address) {
        chosen = a;
        break;
      }
    }
    return new InetSocketAddress(chosen, port);
  }

  /** {@code 10.0.0.2:7123}, or {@code node0/10.0.0.2:7123} when it was given by name. */
  public static String format(InetSocketAddress a) {
    InetAddress ip = a.getAddress();
    if (ip == null) {
      return a.getHostString() + ":" + a.getPort();
    }
    String literal = ip.getHostAddress();
    String host = a.getHostString();
    String shown = host.equals(literal) ? literal : host + "/" + literal;
    return (ip instanceof Inet4Address ? shown : "[" + shown + "]") + ":" + a.getPort();
  }
}
