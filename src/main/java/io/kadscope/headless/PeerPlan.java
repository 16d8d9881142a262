package io.kadscope.headless;

import io.kadscope.engine.Defaults;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@code create} or {@code join} asks for, once the seed's host is decided: the course's rule
 * is that {@code join} with no ip takes {@code P2P_REMOTE_HOST}, and creates a new network when
 * that is empty or unset too (and says so).
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
    return new PeerPlan(
        Optional.of(fromEnv.strip()),
        port,
        localPort,
        Optional.of("Joining " + fromEnv.strip() + " from " + REMOTE_HOST_VARIABLE + "."));
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
