package io.kadscope.headless;

import io.kadscope.cli.Addresses;
import io.kadscope.cli.CliException;
import io.kadscope.engine.Defaults;
import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeFactory;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.guard.Refusal;
import io.kadscope.engine.guard.Refusals;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ping HOST PORT}: one real {@code ping} RPC from a throwaway node on an ephemeral port, for
 * Docker's HEALTHCHECK. Exit 0 and the responder's id when answered; 1 and a one-line reason
 * otherwise (Docker reserves exit code 2).
 */
@Command(
    name = "ping",
    mixinStandardHelpOptions = true,
    header = "Ping a peer (a real ping RPC), for health checks.",
    description =
        "Sends one ping RPC to HOST:PORT from an ephemeral port and prints the responder's id."
            + " Exit 0 when answered, 1 otherwise (for Docker's HEALTHCHECK).")
public final class PingCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "HOST",
      description = "the peer's IP address or name, or host:port, or [IPv6]:port")
  String host;

  @Parameters(
      index = "1",
      paramLabel = "PORT",
      arity = "0..1",
      description = "the peer's UDP port (default 7123; a port written with HOST wins over it)")
  Integer port;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "5",
      description = "how long to wait for the answer (default: ${DEFAULT-VALUE}, as rpcudp)")
  double timeoutSeconds;

  /**
   * The id every health check pings with. A peer takes a requester into its routing table only once
   * it has answered a ping of the peer's own, and this probe answers nothing (its node is never
   * started), so it leaves no contact behind; one fixed id also lets a peer that has just failed to
   * verify one probe skip the next ones for a minute.
   */
  public static final NodeId HEALTH_CHECK_ID = NodeId.ofKey("kadscope health check");

  private final Supplier<NodeFactory> factories;
  private final PrintStream out;

  public PingCommand(Supplier<NodeFactory> factories, PrintStream out) {
    this.factories = factories;
    this.out = out;
  }

  @Override
  public Integer call() {
    if (port != null && (port < 1 || port > 65535)) {
      throw new CliException("PORT must be in 1..65535, found " + port, CliException.USAGE);
    }
    Addresses.HostAndPort hp;
    try {
      hp = Addresses.parseHostAndPort(host, "HOST");
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), CliException.USAGE, e);
    }
    int targetPort =
        hp.port().isPresent() ? hp.port().getAsInt() : port != null ? port : Defaults.PORT;
    if (!(timeoutSeconds > 0) || timeoutSeconds > 3600) {
      throw new CliException(
          "--timeout must be a number of seconds in (0, 3600], found " + timeoutSeconds,
          CliException.USAGE);
    }
    InetSocketAddress target;
    try {
      target = Addresses.resolve(hp.host(), targetPort);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), CliException.FAILED, e);
    }
    Duration timeout = Duration.ofNanos((long) (timeoutSeconds * 1e9));
    try (NodeFactory factory = factories.get()) {
      KademliaNode node =
          factory.create(new InetSocketAddress(0), b -> b.id(HEALTH_CHECK_ID).rpcTimeout(timeout));
      // Not started: it serves no request, so the peer's ping to verify it goes unanswered.
      try {
        long started = System.nanoTime();
        Optional<NodeId> id = node.ping(target).join();
        long ms = (System.nanoTime() - started) / 1_000_000;
        Refusals.Counts refused = node.refusals();
        if (id.isEmpty()
            && (refused.of(Refusal.OWN_ID_REQUEST) > 0 || refused.of(Refusal.OWN_ID_ANSWER) > 0)) {
          throw new CliException(
              Addresses.format(target)
                  + " is no Kademlia peer: it sent this ping back as it was (a UDP echo"
                  + " service?)",
              CliException.FAILED);
        }
        if (id.isEmpty()) {
          throw new CliException(
              "no answer from " + Addresses.format(target) + " within " + timeoutSeconds + " s",
              CliException.FAILED);
        }
        out.println(
            "pong from "
                + id.get().toHex()
                + " at "
                + Addresses.format(target)
                + " in "
                + ms
                + " ms");
        return 0;
      } finally {
        node.stop();
      }
    }
  }
}
