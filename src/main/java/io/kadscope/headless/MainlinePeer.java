package io.kadscope.headless;

import io.kadscope.cli.Addresses;
import io.kadscope.cli.CliException;
import io.kadscope.engine.Futures;
import io.kadscope.mainline.node.MainlineNetwork;
import io.kadscope.mainline.node.MainlineNode;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A peer on BitTorrent's Mainline DHT run from the command line ({@code --protocol mainline}):
 * starts a {@link MainlineNode}, joins through a seed or, with none, the public DHT's routers (or
 * starts alone for {@code create}), reads the {@link MainlineConsole} until {@code q}, and shuts
 * down cleanly, also on SIGTERM or SIGINT. A join that nobody answers leaves the peer running, and
 * it tries again every {@link HeadlessPeer#RETRY_INTERVAL} until it knows a contact.
 */
public final class MainlinePeer {
  private static final Logger log = LoggerFactory.getLogger(MainlinePeer.class);

  /**
   * How a peer runs.
   *
   * @param bind the address to listen on
   * @param join whom to join through: a seed, or the public routers when empty
   * @param alone whether to start alone instead ({@code create}), joining no one
   */
  public record Settings(
      InetSocketAddress bind,
      Optional<InetSocketAddress> join,
      boolean alone,
      Duration retryInterval,
      Duration consoleTimeout) {

    /** A peer on {@code bind} that joins through {@code seed}, or the routers when empty. */
    public static Settings joining(InetSocketAddress bind, Optional<InetSocketAddress> seed) {
      return new Settings(
          bind, seed, false, HeadlessPeer.RETRY_INTERVAL, HeadlessPeer.CONSOLE_TIMEOUT);
    }

    /** A peer on {@code bind} that starts alone. */
    public static Settings alone(InetSocketAddress bind) {
      return new Settings(
          bind, Optional.empty(), true, HeadlessPeer.RETRY_INTERVAL, HeadlessPeer.CONSOLE_TIMEOUT);
    }
  }

  private final MainlineNetwork network;
  private final Settings settings;
  private final PrintStream out;
  private final PeerLifecycle life;
  private volatile MainlineNode node;

  public MainlinePeer(MainlineNetwork network, Settings settings, PrintStream out) {
    this.network = network;
    this.settings = settings;
    this.out = out;
    this.life = new PeerLifecycle(out);
  }

  /**
   * Starts the node and its console on {@code in}, and returns once {@code q} is typed and the peer
   * has stopped (SIGTERM/SIGINT stop it through a shutdown hook instead).
   *
   * @return the exit code, 0
   * @throws CliException when the node cannot start (the port is in use)
   */
  public int run(InputStream in) {
    return life.run(
        this::start,
        ended -> new MainlineConsole(node, out, settings.consoleTimeout()).start(in, ended),
        this::stop);
  }

  /** Starts the node and its join; does not read the console. */
  public MainlineNode start() {
    try {
      node = MainlineNode.builder(network).bind(settings.bind()).build();
      node.start();
    } catch (UncheckedIOException e) {
      String why = String.valueOf(e.getMessage());
      throw new CliException(
          why.contains(":" + settings.bind().getPort())
              ? why
              : "cannot listen on " + Addresses.format(settings.bind()) + ": " + why,
          CliException.FAILED,
          e);
    }
    out.println(
        "Node "
            + node.id().toHex()
            + " listening on "
            + Addresses.format(node.address())
            + " (BitTorrent DHT)");
    if (settings.alone()) {
      out.println(
          "Started alone on the BitTorrent DHT's protocol: other nodes can join this one. Type"
              + " 'help' for the console's commands.");
      life.firstJoinEnded();
    } else {
      out.println("Joining the BitTorrent DHT through " + describe() + " ...");
      join(true);
    }
    return node;
  }

  /** Stops the node and releases the network; does nothing the second time. */
  public void stop() {
    if (!life.stopping()) {
      return;
    }
    MainlineNode n = node;
    if (n != null) {
      n.stop();
    }
    network.close();
    out.println("Stopped.");
    out.flush();
  }

  private String describe() {
    return settings.join().isPresent()
        ? Addresses.format(settings.join().get())
        : "its public routers ("
            + MainlineNode.ROUTERS.stream().map(Object::toString).collect(Collectors.joining(", "))
            + ")";
  }

  private void join(boolean first) {
    CompletableFuture<Integer> joined =
        settings.join().isPresent()
            ? node.join(List.of(settings.join().get()))
            : node.joinRouters();
    joined
        .whenComplete(
            (contacts, err) -> {
              if (err == null) {
                out.println(
                    "Joined the BitTorrent DHT through "
                        + describe()
                        + ": "
                        + contacts
                        + (contacts == 1 ? " contact" : " contacts")
                        + ". Type 'help' for the console's commands.");
              } else {
                if (first) {
                  out.println(
                      "No one answered (tried "
                          + describe()
                          + ": "
                          + Futures.unwrap(err).getMessage()
                          + "): running alone; retrying every "
                          + settings.retryInterval().toSeconds()
                          + " s.");
                }
                log.debug("Join failed: {}", Futures.unwrap(err).toString());
                scheduleRetry();
              }
            })
        .whenComplete(
            (c, e) -> {
              if (first) {
                life.firstJoinEnded();
              }
            });
  }

  private void scheduleRetry() {
    if (life.isStopped()) {
      return;
    }
    try {
      life.timer()
          .schedule(
              () -> {
                if (!life.isStopped() && node.engine().routingSnapshot().size() == 0) {
                  log.info("Still alone: trying {} again", describe());
                  join(false);
                }
              },
              settings.retryInterval().toMillis(),
              TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // stopping
    }
  }
}
