package io.kadscope.headless;

import io.kadscope.cli.Addresses;
import io.kadscope.cli.CliException;
import io.kadscope.engine.Defaults;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@code create} or {@code join} asks for, once the seed's host is decided: the course's rule
 * is that {@code join} with no ip takes {@code P2P_REMOTE_HOST}, and creates a new network when
 * that is empty or unset too (and says so).
 *
 * <p>One rule for the ip argument and the variable alike: each is a host, {@code host:port} or
 * {@code [IPv6]:port} ({@link Addresses#parseHostAndPort}). A port written with the host wins over
 * the port argument; when both were given and differ, the notice says which port won.
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
   *
   * @param port the port argument, or null when none was typed ({@link Defaults#PORT} then, unless
   *     the host carries one)
   * @throws CliException (usage) when a port is out of range or a host is malformed
   */
  public static PeerPlan join(
      String ip, Integer port, int localPort, Function<String, String> env) {
    if (port != null) {
      checkPort(port, "port", 1);
    }
    checkPort(localPort, "local_port", 0);
    if (ip != null && !ip.isBlank()) {
      return seed(ip, "ip", port, localPort, Optional.empty());
    }
    String fromEnv = env.apply(REMOTE_HOST_VARIABLE);
    if (fromEnv == null || fromEnv.isBlank()) {
      return new PeerPlan(
          Optional.empty(),
          port != null ? port : Defaults.PORT,
          localPort,
          Optional.of(
              "No ip given and "
                  + REMOTE_HOST_VARIABLE
                  + " is "
                  + (fromEnv == null ? "unset" : "empty")
                  + ": creating a new network instead of joining one."));
    }
    return seed(
        fromEnv,
        REMOTE_HOST_VARIABLE,
        port,
        localPort,
        Optional.of("Joining " + fromEnv.strip() + " from " + REMOTE_HOST_VARIABLE + "."));
  }

  private static PeerPlan seed(
      String text, String what, Integer portArgument, int localPort, Optional<String> notice) {
    Addresses.HostAndPort hp;
    try {
      hp = Addresses.parseHostAndPort(text, what);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), CliException.USAGE, e);
    }
    int port =
        hp.port().isPresent()
            ? hp.port().getAsInt()
            : portArgument != null ? portArgument : Defaults.PORT;
    if (hp.port().isPresent() && portArgument != null && portArgument != port) {
      String conflict =
          "Port "
              + port
              + " written in "
              + what
              + " ("
              + text.strip()
              + ") wins over the port argument "
              + portArgument
              + ".";
      notice = Optional.of(notice.map(n -> n + " " + conflict).orElse(conflict));
    }
    return new PeerPlan(Optional.of(hp.host()), port, localPort, notice);
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
