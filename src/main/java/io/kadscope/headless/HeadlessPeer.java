package io.kadscope.headless;

import io.kadscope.cli.Addresses;
import io.kadscope.cli.CliException;
import io.kadscope.engine.Contact;
import io.kadscope.engine.Futures;
import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeFactory;
import io.kadscope.engine.NodeState;
import io.kadscope.engine.guard.Limits;
import io.kadscope.persist.StateFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A peer run from the command line: starts a node (restored from its state file if there is one),
 * joins the seed, reads the console until {@code q}, and shuts down cleanly, also on SIGTERM or
 * SIGINT: state saved, node stopped. End of input does not stop it.
 *
 * <p>A join that no seed answers does not stop the peer either, as with the course's Python peer:
 * it says whom it tried, keeps running alone (other peers can join it), and retries the seed every
 * {@link Settings#retryInterval} until it knows a contact.
 */
public final class HeadlessPeer {
  private static final Logger log = LoggerFactory.getLogger(HeadlessPeer.class);

  /** How often the state is saved while the peer runs: every 10 minutes, as {@code --help} says. */
  public static final Duration SAVE_INTERVAL = Duration.ofMinutes(10);

  /** How often a peer left alone by a failed join tries its seed again. */
  public static final Duration RETRY_INTERVAL = Duration.ofSeconds(30);

  /** How long the console waits for a {@code set} or {@code get}. */
  public static final Duration CONSOLE_TIMEOUT = Duration.ofSeconds(60);

  /**
   * How a peer runs.
   *
   * @param bind the address to listen on
   * @param seed the peer to join through, if any
   * @param stateFile where to save and restore the node's state, if anywhere
   * @param limits the bounds on what other peers may make the node hold and do
   */
  public record Settings(
      InetSocketAddress bind,
      Optional<InetSocketAddress> seed,
      Optional<StateFile> stateFile,
      Duration saveInterval,
      Duration retryInterval,
      Duration consoleTimeout,
      Limits limits) {

    /** With the default limits. */
    public Settings(
        InetSocketAddress bind,
        Optional<InetSocketAddress> seed,
        Optional<StateFile> stateFile,
        Duration saveInterval,
        Duration retryInterval,
        Duration consoleTimeout) {
      this(bind, seed, stateFile, saveInterval, retryInterval, consoleTimeout, Limits.DEFAULT);
    }

    /** The defaults for a peer on {@code bind}. */
    public static Settings of(
        InetSocketAddress bind, Optional<InetSocketAddress> seed, Optional<StateFile> state) {
      return new Settings(bind, seed, state, SAVE_INTERVAL, RETRY_INTERVAL, CONSOLE_TIMEOUT);
    }

    /** These settings with other limits. */
    public Settings withLimits(Limits l) {
      return new Settings(bind, seed, stateFile, saveInterval, retryInterval, consoleTimeout, l);
    }

    /** These settings with another interval between state saves. */
    public Settings withSaveInterval(Duration d) {
      return new Settings(bind, seed, stateFile, d, retryInterval, consoleTimeout, limits);
    }
  }

  private final NodeFactory factory;
  private final Settings settings;
  private final PrintStream out;
  private final PeerLifecycle life;
  private volatile KademliaNode node;

  public HeadlessPeer(NodeFactory factory, Settings settings, PrintStream out) {
    this.factory = factory;
    this.settings = settings;
    this.out = out;
    this.life = new PeerLifecycle(out);
  }

  /**
   * Starts the node and its console on {@code in}, and returns once {@code q} is typed and the peer
   * has stopped (SIGTERM/SIGINT stop it through a shutdown hook instead).
   *
   * @return the exit code, 0
   * @throws CliException when the node cannot start (the port is in use, the state file cannot be
   *     read or moved aside)
   */
  public int run(InputStream in) {
    return life.run(
        this::start,
        ended -> new Console(node, out, settings.consoleTimeout()).start(in, ended),
        this::stop);
  }

  /** Starts the node, joins, and schedules state saves; does not read the console. */
  public KademliaNode start() {
    settings.stateFile().ifPresent(HeadlessPeer::open);
    try {
      return startNode();
    } catch (RuntimeException e) {
      settings.stateFile().ifPresent(StateFile::close);
      throw e;
    }
  }

  private KademliaNode startNode() {
    Optional<NodeState> restored = settings.stateFile().flatMap(HeadlessPeer::load);
    try {
      node =
          factory.create(
              settings.bind(),
              b -> {
                b.limits(settings.limits());
                b.listener(new EventLog());
                restored.ifPresent(b::restore);
              });
    } catch (UncheckedIOException e) {
      String why = String.valueOf(e.getMessage());
      throw new CliException(
          why.contains(":" + settings.bind().getPort())
              ? why
              : "cannot listen on " + Addresses.format(settings.bind()) + ": " + why,
          CliException.FAILED,
          e);
    }
    node.start();
    out.println(
        "Node "
            + node.id().toHex()
            + " listening on "
            + Addresses.format(node.address())
            + (restored.isPresent()
                ? " (restored from " + settings.stateFile().get().path() + ")"
                : ""));
    List<Contact> saved = restored.map(NodeState::contacts).orElse(List.of());
    if (settings.seed().isPresent() || !saved.isEmpty()) {
      join(saved, true);
    } else {
      out.println("Created a new network. Type 'help' for the console's commands.");
      life.firstJoinEnded();
    }
    settings
        .stateFile()
        .ifPresent(
            f -> {
              long every = settings.saveInterval().toMillis();
              life.timer().scheduleAtFixedRate(this::save, every, every, TimeUnit.MILLISECONDS);
            });
    return node;
  }

  /** Saves the state, stops the node and releases the factory; does nothing the second time. */
  public void stop() {
    if (!life.stopping()) {
      return;
    }
    KademliaNode n = node;
    if (n != null) {
      save();
      n.stop();
    }
    settings.stateFile().ifPresent(StateFile::close);
    factory.close();
    out.println("Stopped.");
    out.flush();
  }

  private void join(List<Contact> saved, boolean first) {
    List<InetSocketAddress> seeds = settings.seed().map(List::of).orElse(List.of());
    if (first) {
      out.println("Joining through " + describe(seeds, saved) + " ...");
    }
    node.bootstrap(seeds)
        .whenComplete(
            (contacts, err) -> {
              if (err == null) {
                out.println(
                    "Joined the network through "
                        + describe(seeds, saved)
                        + ": "
                        + contacts
                        + (contacts == 1 ? " contact" : " contacts")
                        + ". Type 'help' for the console's commands.");
                life.timer().execute(this::save);
              } else if (first) {
                Throwable cause = Futures.unwrap(err);
                log.debug("Join failed: {}", cause.toString());
                out.println(
                    "No seed answered (tried "
                        + describe(seeds, saved)
                        + "): running alone, other peers can join this one"
                        + (settings.seed().isPresent()
                            ? "; retrying every " + seconds(settings.retryInterval())
                            : "")
                        + ".");
                scheduleRetry(saved);
              } else {
                scheduleRetry(saved);
              }
            })
        .whenComplete(
            (contacts, err) -> {
              if (first) {
                life.firstJoinEnded();
              }
            });
  }

  private void scheduleRetry(List<Contact> saved) {
    if (settings.seed().isEmpty() || life.isStopped()) {
      return;
    }
    try {
      life.timer()
          .schedule(
              () -> {
                if (node.routingSnapshot().size() == 0) {
                  log.info(
                      "Still alone: trying {} again",
                      describe(List.of(settings.seed().get()), saved));
                  join(saved, false);
                }
              },
              settings.retryInterval().toMillis(),
              TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // stopping
    }
  }

  private static String seconds(Duration d) {
    return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
  }

  private static String describe(List<InetSocketAddress> seeds, List<Contact> saved) {
    Set<String> parts = new LinkedHashSet<>();
    for (InetSocketAddress s : seeds) {
      parts.add(Addresses.format(s));
    }
    List<String> savedAddresses = new ArrayList<>();
    for (Contact c : saved) {
      if (!seeds.contains(c.address())) {
        savedAddresses.add(Addresses.format(c.address()));
      }
    }
    if (!savedAddresses.isEmpty()) {
      parts.add(
          savedAddresses.size()
              + " saved contact"
              + (savedAddresses.size() == 1 ? "" : "s")
              + " ("
              + savedAddresses.stream().limit(5).collect(Collectors.joining(", "))
              + (savedAddresses.size() > 5 ? ", ..." : "")
              + ")");
    }
    return String.join(" and ", parts);
  }

  private void save() {
    KademliaNode n = node;
    Optional<StateFile> file = settings.stateFile();
    if (n == null || file.isEmpty()) {
      return;
    }
    NodeState state = n.exportState();
    try {
      file.get().save(state);
      log.info(
          "State saved to {} ({} contacts, {} values)",
          file.get().path(),
          state.contacts().size(),
          state.values().size());
    } catch (IOException | RuntimeException e) {
      log.error("Could not save the state to {}: {}", file.get().path(), e.toString());
    }
  }

  /** Checks the state file's location and locks it, before anything else starts. */
  private static void open(StateFile file) {
    try {
      file.open();
    } catch (UncheckedIOException e) {
      throw new CliException(e.getMessage(), CliException.FAILED, e);
    }
  }

  private static Optional<NodeState> load(StateFile file) {
    try {
      return file.load();
    } catch (UncheckedIOException e) {
      throw new CliException(e.getMessage(), CliException.FAILED, e);
    }
  }
}
