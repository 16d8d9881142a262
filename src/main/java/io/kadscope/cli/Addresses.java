package io.kadscope.cli;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Reads the addresses a person types ({@code node0}, {@code 10.0.0.2:7124}, {@code
 * [fd00::2]:7300}), resolves host names for seeds and prints addresses the way a person types them.
 */
public final class Addresses {
  private Addresses() {}

  /** A host name (RFC 1123 labels, underscores allowed as Docker's names have them) or IPv4. */
  private static final Pattern HOST_NAME =
      Pattern.compile(
          "(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\\.[A-Za-z0-9_-]{1,63})*\\.?");

  /** An IPv6 literal: hex digits, colons, dots (an embedded IPv4), and a zone after %. */
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[\\w.-]+)?");

  /**
   * A host and the port written with it, if one was.
   *
   * @param host a host name or an IP literal (an IPv6 one without brackets)
   * @param port the port after the host, when the text had one
   */
  public record HostAndPort(String host, OptionalInt port) {}

  /**
   * Reads {@code host}, {@code host:port}, {@code [IPv6]:port} or a bare IPv6 address (several
   * colons: the address alone). The one rule for every place a seed is typed: the {@code join}
   * argument and {@code P2P_REMOTE_HOST} alike.
   *
   * @param what names the input in the error message ({@code P2P_REMOTE_HOST}, {@code ip})
   * @throws IllegalArgumentException naming {@code what} and the text when it is none of these
   */
  public static HostAndPort parseHostAndPort(String text, String what) {
    String value = text.strip();
    String host = value;
    OptionalInt port = OptionalInt.empty();
    boolean bracketed = value.startsWith("[");
    int colon = value.lastIndexOf(':');
    if (bracketed) {
      int close = value.indexOf(']');
      if (close < 0) {
        throw badHostAndPort(what, text);
      }
      host = value.substring(1, close);
      String rest = value.substring(close + 1);
      if (!rest.isEmpty()) {
        port = OptionalInt.of(port(rest, what, text));
      }
      if (!IPV6.matcher(host).matches()) {
        throw badHostAndPort(what, text);
      }
    } else if (colon >= 0 && value.indexOf(':') == colon) {
      host = value.substring(0, colon);
      port = OptionalInt.of(port(value.substring(colon), what, text));
    }
    boolean ok =
        bracketed
            || HOST_NAME.matcher(host).matches()
            || (host.indexOf(':') >= 0 && IPV6.matcher(host).matches());
    if (!ok) {
      throw badHostAndPort(what, text);
    }
    return new HostAndPort(host, port);
  }

  private static int port(String colonAndDigits, String what, String text) {
    if (!colonAndDigits.startsWith(":") || !colonAndDigits.substring(1).matches("[0-9]{1,5}")) {
      throw badHostAndPort(what, text);
    }
    int port = Integer.parseInt(colonAndDigits.substring(1));
    if (port < 1 || port > 65535) {
      throw badHostAndPort(what, text);
    }
    return port;
  }

  private static IllegalArgumentException badHostAndPort(String what, String text) {
    return new IllegalArgumentException(
        what
            + " must be a host, host:port or [IPv6]:port (port 1..65535), found "
            + Printable.quote(text, 80));
  }

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
      throw new IllegalArgumentException("cannot resolve host " + Printable.quote(host, 80), e);
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
