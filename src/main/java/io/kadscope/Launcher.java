package io.kadscope;

import io.kadscope.bench.BenchCommand;
import io.kadscope.cli.Addresses;
import io.kadscope.cli.CliException;
import io.kadscope.cli.Logging;
import io.kadscope.cli.Printable;
import io.kadscope.cli.ShutdownHooks;
import io.kadscope.engine.Defaults;
import io.kadscope.engine.NodeFactory;
import io.kadscope.headless.HeadlessPeer;
import io.kadscope.headless.MainlinePeer;
import io.kadscope.headless.PeerPlan;
import io.kadscope.headless.PingCommand;
import io.kadscope.mainline.node.MainlineNetwork;
import io.kadscope.mainline.node.MainlineNode;
import io.kadscope.persist.StateFile;
import io.kadscope.transport.KrpcNetwork;
import io.kadscope.transport.UdpNodeFactory;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * Entry point of the runnable jar: picks the visualiser or the headless peer, and wires the UDP
 * transport and the state file into the engine. Touches no JavaFX type: with {@code --headless} no
 * JavaFX class loads, nor any class of the GUI (the window is opened through {@link Visualiser}).
 */
@Command(
    name = "kadscope",
    mixinStandardHelpOptions = true,
    version = "KadScope 0.1.0",
    sortOptions = false,
    description =
        "A Kademlia peer you can watch, wire-compatible with the Python kademlia package."
            + " With no command: the visualiser, on a simulated network of --sim-peers peers"
            + " (10,000) on virtual time; with --local (or --peers N), on a live network of"
            + " --peers peers on 127.0.0.1.",
    footer = {
      "",
      "Examples:",
      "  kadscope --headless create                 a new network on port 7123",
      "  kadscope --headless join 10.0.0.2          join through 10.0.0.2:7123",
      "  P2P_REMOTE_HOST=node0 kadscope --headless join",
      "  kadscope ping node0 7123 --timeout 2       health check",
      "  kadscope bench local --nodes 256 --keys 500 --concurrency 32",
      "  kadscope bench churn --peers 60 --keys 100",
      "  kadscope --headless --protocol mainline join   the BitTorrent DHT, via its routers",
      "  kadscope --protocol mainline join              the same, in the visualiser",
      "",
      "Console of a headless peer (standard input): set <key> <value>, get <key>,",
      "del <key>, info, buckets, help, q; with --protocol mainline: put <text>,",
      "get <target>, announce <info-hash> <port>, peers <info-hash>, info, buckets,",
      "help, q. End of input leaves the peer running;",
      "SIGTERM or Ctrl-C stop it cleanly (state saved). Logs go to standard error;",
      "--log-level DEBUG shows every RPC.",
      "",
      "Exit codes: 0 clean quit; 1 failure (port in use, unknown host, no answer);",
      "2 bad usage."
    })
public final class Launcher implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(Launcher.class);

  @Mixin PeerOptions options = new PeerOptions();

  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      scope = ScopeType.INHERIT,
      description =
          "TRACE, DEBUG, INFO (default for peers), WARN (default for ping and bench), ERROR.")
  String logLevel;

  private final Supplier<NodeFactory> factories;
  private final Supplier<MainlineNetwork> mainlineNetworks;
  private final Map<String, String> env;
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;

  /**
   * A launcher whose {@code --protocol mainline} peers run on real UDP.
   *
   * @param factories makes the factory of nodes a command runs on (UDP in the jar)
   * @param env the environment ({@code P2P_REMOTE_HOST})
   */
  public Launcher(
      Supplier<NodeFactory> factories,
      Map<String, String> env,
      InputStream in,
      PrintStream out,
      PrintStream err) {
    this(factories, KrpcNetwork::new, env, in, out, err);
  }

  /**
   * @param factories makes the factory of nodes a command runs on (UDP in the jar)
   * @param mainlineNetworks makes the network {@code --protocol mainline} peers run on
   * @param env the environment ({@code P2P_REMOTE_HOST})
   */
  public Launcher(
      Supplier<NodeFactory> factories,
      Supplier<MainlineNetwork> mainlineNetworks,
      Map<String, String> env,
      InputStream in,
      PrintStream out,
      PrintStream err) {
    this.factories = factories;
    this.mainlineNetworks = mainlineNetworks;
    this.env = env;
    this.in = in;
    this.out = out;
    this.err = err;
  }

  /** Runs the command line on real UDP sockets and exits with its code. */
  public static void main(String[] args) {
    ShutdownHooks.install(); // every exit, System.exit's included, drains the log
    int code =
        new Launcher(UdpNodeFactory::new, System.getenv(), System.in, System.out, System.err)
            .execute(args);
    System.exit(code);
  }

  /** Parses {@code args}, runs the command, and returns the exit code. */
  public int execute(String... args) {
    CommandLine cl = new CommandLine(this);
    cl.addSubcommand(new PingCommand(factories, out));
    cl.addSubcommand(
        new CommandLine(new BenchCommand())
            .addSubcommand(new BenchCommand.Local(factories, out))
            .addSubcommand(new BenchCommand.Churn(factories, out))
            .addSubcommand(new BenchCommand.Sim(out, err)));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setParameterExceptionHandler(
        (e, a) -> usage(e.getCommandLine(), e.getMessage() + " (see --help)"));
    cl.setExecutionExceptionHandler(
        (e, c, p) -> {
          if (e instanceof CliException ce) {
            if (ce.exitCode() == CliException.USAGE) {
              return usage(c, ce.getMessage());
            }
            err.println("kadscope: " + Printable.escape(ce.getMessage()));
            return ce.exitCode();
          }
          log.error("Unexpected failure", e);
          err.println("kadscope: unexpected failure: " + Printable.escape(e.toString()));
          return CliException.FAILED;
        });
    cl.setExecutionStrategy(
        parse -> {
          try {
            applyLogLevel(parse);
          } catch (CliException e) {
            throw new CommandLine.ParameterException(
                leaf(parse).commandSpec().commandLine(), e.getMessage(), e);
          }
          return new CommandLine.RunLast().execute(parse);
        });
    return cl.execute(args);
  }

  /**
   * Reports a command line that does not parse: one line saying what was wrong, then the usage line
   * of the command it was meant for; exit code 2.
   */
  private int usage(CommandLine command, String message) {
    err.println("kadscope: " + Printable.escape(message));
    err.print("Usage: " + command.getHelp().synopsis(0));
    err.flush();
    return CliException.USAGE;
  }

  private static ParseResult leaf(ParseResult parse) {
    ParseResult leaf = parse;
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
    }
    return leaf;
  }

  /** No command: the visualiser on a simulated network, or on a live local one. */
  @Override
  public Integer call() {
    if (options.isHeadless()) {
      throw new CliException(
          "--headless needs a command: create [local_port] or join [ip] [port] [local_port]",
          CliException.USAGE);
    }
    rejectStateWithoutHeadless(options);
    if (options.wantsLocal()) {
      if (options.simPeers != null) {
        throw new CliException(
            "--sim-peers opens a simulated network; --local and --peers open a live one: choose"
                + " one",
            CliException.USAGE);
      }
      int peers = options.peersOrDefault();
      if (peers < 0) {
        throw new CliException("--peers must be 0 or more, found " + peers, CliException.USAGE);
      }
      return openWindow(factory -> Visualiser.local(peers, factory, mainlineNetworks));
    }
    int simulated = options.simPeersOrDefault();
    if (simulated < PeerOptions.MIN_SIM_PEERS || simulated > PeerOptions.MAX_SIM_PEERS) {
      throw new CliException(
          String.format(
              "--sim-peers must be from %,d to %,d, found %,d",
              PeerOptions.MIN_SIM_PEERS, PeerOptions.MAX_SIM_PEERS, simulated),
          CliException.USAGE);
    }
    return openWindow(factory -> Visualiser.simulated(simulated, factory, mainlineNetworks));
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Start a new network (the course's create).")
  int create(
      @Parameters(
              paramLabel = "local_port",
              arity = "0..1",
              description =
                  "UDP port to listen on (default "
                      + Defaults.PORT
                      + ", "
                      + MainlineNode.DEFAULT_PORT
                      + " with --protocol mainline; 0 picks a free one)")
          Integer localPort,
      @Mixin PeerOptions own) {
    PeerOptions o = own.over(options);
    PeerPlan plan = PeerPlan.create(localPort != null ? localPort : o.defaultPort());
    return o.isMainline() ? runMainline(plan, o, true) : runPeer(plan, o);
  }

  @Command(
      name = "join",
      mixinStandardHelpOptions = true,
      header = "Join a network through a known peer (the course's join).",
      description =
          "With no ip (or an empty"
              + " one), the peer named by $P2P_REMOTE_HOST (host or host:port) is joined; when that"
              + " is empty or unset"
              + " too, a new network is created instead (with --protocol mainline: the"
              + " BitTorrent DHT is joined through its public routers). A peer that no seed"
              + " answers keeps running alone and retries every 30 s.")
  int join(
      @Parameters(
              index = "0",
              paramLabel = "ip",
              arity = "0..1",
              description =
                  "the seed: an IP address or host name, host:port or [IPv6]:port (default:"
                      + " $P2P_REMOTE_HOST, read by the same rule)")
          String ip,
      @Parameters(
              index = "1",
              paramLabel = "port",
              arity = "0..1",
              description =
                  "the seed's UDP port (default "
                      + Defaults.PORT
                      + ", "
                      + MainlineNode.DEFAULT_PORT
                      + " with --protocol mainline); a port written with the host (host:port)"
                      + " wins over it")
          Integer port,
      @Parameters(
              index = "2",
              paramLabel = "local_port",
              arity = "0..1",
              description =
                  "UDP port to listen on (default "
                      + Defaults.PORT
                      + ", "
                      + MainlineNode.DEFAULT_PORT
                      + " with --protocol mainline; 0 picks a free one)")
          Integer localPort,
      @Mixin PeerOptions own) {
    PeerOptions o = own.over(options);
    int defaultPort = o.defaultPort();
    PeerPlan plan =
        PeerPlan.join(
            ip,
            port != null ? port : defaultPort,
            localPort != null ? localPort : defaultPort,
            env::get);
    return o.isMainline() ? runMainline(plan, o, false) : runPeer(plan, o);
  }

  private int runPeer(PeerPlan plan, PeerOptions o) {
    plan.notice().ifPresent(out::println);
    InetSocketAddress seed = plan.host().map(h -> resolveSeed(h, plan.port())).orElse(null);
    if (!o.isHeadless()) {
      rejectStateWithoutHeadless(o);
      return plan.joins()
          ? openWindow(
              factory ->
                  Visualiser.join(
                      plan.host().get(), plan.port(), plan.localPort(), factory, mainlineNetworks))
          : openWindow(factory -> Visualiser.create(plan.localPort(), factory, mainlineNetworks));
    }
    InetSocketAddress bind =
        new InetSocketAddress(bindAddress(o.bindOrDefault()), plan.localPort());
    Optional<StateFile> state = Optional.ofNullable(o.state).map(StateFile::new);
    NodeFactory factory = factories.get();
    HeadlessPeer.Settings settings =
        HeadlessPeer.Settings.of(bind, Optional.ofNullable(seed), state)
            .withLimits(o.limits())
            .withSaveInterval(o.saveInterval());
    HeadlessPeer peer = new HeadlessPeer(factory, settings, out);
    try {
      return peer.run(in);
    } catch (RuntimeException e) {
      factory.close();
      throw e;
    }
  }

  /**
   * A peer on BitTorrent's DHT: {@code create} starts one alone; {@code join} joins through the
   * seed, or, when there is none, through the public DHT's routers.
   */
  private int runMainline(PeerPlan plan, PeerOptions o, boolean create) {
    if (o.state != null) {
      throw new CliException(
          "--state keeps a node of the course's network; a --protocol mainline peer keeps none",
          CliException.USAGE);
    }
    if (plan.joins()) {
      plan.notice().ifPresent(out::println);
    } else if (!create) {
      out.println(
          "No ip given and "
              + PeerPlan.REMOTE_HOST_VARIABLE
              + " is "
              + (env.get(PeerPlan.REMOTE_HOST_VARIABLE) == null ? "unset" : "empty")
              + ": joining the BitTorrent DHT through its public routers.");
    }
    Optional<InetSocketAddress> seed = plan.host().map(h -> resolveSeed(h, plan.port()));
    if (!o.isHeadless()) {
      if (create) {
        throw new CliException(
            "the visualiser joins the BitTorrent DHT (--protocol mainline join [host] [port]);"
                + " a node alone on it is for --headless peers",
            CliException.USAGE);
      }
      String host = seed.map(s -> s.getAddress().getHostAddress()).orElse(null);
      return openWindow(
          factory ->
              Visualiser.mainline(host, plan.port(), plan.localPort(), factory, mainlineNetworks));
    }
    InetSocketAddress bind =
        new InetSocketAddress(bindAddress(o.bindOrDefault()), plan.localPort());
    MainlineNetwork network = mainlineNetworks.get();
    MainlinePeer peer =
        new MainlinePeer(
            network,
            create ? MainlinePeer.Settings.alone(bind) : MainlinePeer.Settings.joining(bind, seed),
            out);
    try {
      return peer.run(in);
    } catch (RuntimeException e) {
      network.close();
      throw e;
    }
  }

  /**
   * Opens the window on a new factory of nodes, closed once the window has closed. No signature
   * here names a GUI type: picocli's reflection over this class would load it even with {@code
   * --headless}.
   */
  private int openWindow(ToIntFunction<NodeFactory> open) {
    NodeFactory factory = factories.get();
    try {
      return open.applyAsInt(factory);
    } finally {
      factory.close();
    }
  }

  private static InetSocketAddress resolveSeed(String host, int port) {
    try {
      return Addresses.resolve(host, port);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), CliException.FAILED, e);
    }
  }

  private static InetAddress bindAddress(String ip) {
    try {
      return InetAddress.getByName(ip);
    } catch (UnknownHostException e) {
      throw new CliException(
          "--bind expects a local IP address, found '" + ip + "'", CliException.USAGE, e);
    }
  }

  private static void rejectStateWithoutHeadless(PeerOptions o) {
    if (o.state != null) {
      throw new CliException(
          "--state works with --headless peers only; the visualiser keeps no state file",
          CliException.USAGE);
    }
    if (o.hasHeadlessOnlyOption()) {
      throw new CliException(
          "--max-keys, --max-store-bytes, --contacts-per-address and --save-every work with"
              + " --headless peers only",
          CliException.USAGE);
    }
  }

  private void applyLogLevel(ParseResult parse) {
    if (logLevel != null) {
      Logging.setLevel(logLevel);
      return;
    }
    String name = leaf(parse).commandSpec().name();
    if (name.equals("ping")
        || name.equals("local")
        || name.equals("churn")
        || name.equals("sim")
        || name.equals("bench")) {
      Logging.setLevel("WARN");
    }
  }
}
