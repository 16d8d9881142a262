package io.kadscope.headless;

import io.kadscope.cli.CliException;
import io.kadscope.engine.Defaults;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@code create} or {@code join} asks for, once the seed's host is decided: the course's rule
 * is that {@code join} with no ip takes {@code P2P_REMOTE_HOST}, and creates a new network when
 * that is empty or unset too (and says so). The variable may carry a port ({@code node0:7124}),
 * which then wins over the port argument.
 *
 * @param host the seed to join (empty: create a new network)
 * @param port the seed's port
 * @param localPort this node's port (0 picks a free one)
 * @param notice what to tell the user about how the seed was chosen, if anything
 */
public record PeerPlan(Optional<String> host, int port, int localPort, Optional<String> notice) {

  /** The environment variable that names the seed when {@code join} is given no ip. */
  public static final String REMOTE_HOST_VARIABLE = "P2P_REMOTE_HOST";

  /** A new network on {@code localPort}. */
  public static PeerPlan create(int localPort) {
    return new PeerPlan(
        Optional.empty(), Defaults.PORT, checkPort(localPort, "local_port", 0), Optional.empty());
  }

  /**
   * Joins {@code ip} ({@code null} or blank: the environment's {@value #REMOTE_HOST_VARIABLE};
   * blank too: create instead).
   */
  public static PeerPlan join(String ip, int port, int localPort, Function<String, String> env) {
    checkPort(port, "port", 1);
    checkPort(localPort, "local_port", 0);
    if (ip != null && !ip.isBlank()) {
      return new PeerPlan(Optional.of(ip.strip()), port, localPort, Optional.empty());
    }
    String fromEnv = env.apply(REMOTE_HOST_VARIABLE);
    if (fromEnv == null || fromEnv.isBlank()) {
      return new PeerPlan(
          Optional.empty(),
          port,
          localPort,
          Optional.of(
              "No ip given and "
                  + REMOTE_HOST_VARIABLE
                  + " is "
                  + (fromEnv == null ? "unset" : "empty")
                  + ": creating a new network instead of joining one."));
    }
    String value = fromEnv.strip();
    String host = value;
    int seedPort = port;
    int colon = value.lastIndexOf(':');
    boolean bracketed = value.startsWith("[");
    if (bracketed || (colon > 0 && value.indexOf(':') == colon)) {
      // host:port, or [IPv6]:port; a bare IPv6 address (several colons) is a host alone
      int close = bracketed ? value.indexOf(']') : -1;
      if (bracketed && close < 0) {
        throw badRemoteHost(value);
      }
      host = bracketed ? value.substring(1, close) : value.substring(0, colon);
      String rest = bracketed ? value.substring(close + 1) : value.substring(colon);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":") || !rest.substring(1).matches("[0-9]{1,5}")) {
          throw badRemoteHost(value);
        }
        seedPort = Integer.parseInt(rest.substring(1));
        if (seedPort < 1 || seedPort > 65535) {
          throw badRemoteHost(value);
        }
      }
      if (host.isBlank()) {
        throw badRemoteHost(value);
      }
    }
    return new PeerPlan(
        Optional.of(host),
        seedPort,
        localPort,
        Optional.of("Joining " + value + " from " + REMOTE_HOST_VARIABLE + "."));
  }

  private static CliException badRemoteHost(String value) {
    return new CliException(
        REMOTE_HOST_VARIABLE
            + " must be a host, host:port or [IPv6]:port (port 1..65535), found '"
            + value
            + "'",
        CliException.USAGE);
  }

  /** Whether this joins an existing network. */
  public boolean joins() {
    return host.isPresent();
  }

  private static int checkPort(int port, String name, int min) {
    if (port < min || port > 65535) {
      throw new CliException(
          name + " must be a UDP port in " + min + "..65535, found " + port, CliException.USAGE);
    }
    return port;
  }
}
