package io.kadscope.bench;

import io.kadscope.cli.CliException;
import io.kadscope.engine.NodeFactory;
import io.kadscope.engine.lookup.LookupMode;
import io.kadscope.sim.Latency;
import io.kadscope.sim.Simulation;
import io.kadscope.sim.Sweep;
import io.kadscope.sim.Workload;
import io.kadscope.transport.UdpNodeFactory;
import io.kadscope.transport.UdpTransport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench local|churn|sim}: runs workload W1, W4 or W3 and prints its JSON lines. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Run a benchmark workload and print one JSON line: W1 (local: N UDP peers in this"
            + " process), W4 (churn: gets after half of P UDP peers stopped) or W3 (sim: N"
            + " engines on the in-memory network, on virtual time).")
public final class BenchCommand {

  /** {@code bench local --nodes N --keys M --concurrency C}. */
  @Command(
      name = "local",
      mixinStandardHelpOptions = true,
      header = "W1: a local network of real UDP peers in one process.",
      description =
          "W1: N peers on 127.0.0.1 in this process; peer 0 creates, the others join it one by"
              + " one; M sequential sets from peer 1, M sequential gets from peer N-1, then M gets"
              + " from random peers with C in flight.")
  public static final class Local implements Callable<Integer> {
    /** The most event-loop threads {@code --io-threads} takes. */
    static final int MAX_IO_THREADS = 64;

    @Option(
        names = "--nodes",
        paramLabel = "N",
        defaultValue = "256",
        description = "N (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(
        names = "--keys",
        paramLabel = "M",
        defaultValue = "500",
        description = "M (default ${DEFAULT-VALUE})")
    int keys;

    @Option(
        names = "--concurrency",
        paramLabel = "C",
        defaultValue = "32",
        description = "C (default ${DEFAULT-VALUE})")
    int concurrency;

    @Option(
        names = "--seed",
        paramLabel = "S",
        defaultValue = "1",
        description = "seed of the random choice of peers (default ${DEFAULT-VALUE})")
    long seed;

    @Option(
        names = "--io-threads",
        paramLabel = "T",
        description =
            "event-loop threads the N peers are spread over, 1 to "
                + MAX_IO_THREADS
                + " (default: the peers' own default, "
                + UdpNodeFactory.DEFAULT_IO_THREADS
                + "): every phase of W1 is bound by the event loops' CPU")
    Integer ioThreads;

    private final Supplier<NodeFactory> factories;
    private final PrintStream out;

    public Local(Supplier<NodeFactory> factories, PrintStream out) {
      this.factories = factories;
      this.out = out;
    }

    @Override
    public Integer call() throws InterruptedException {
      LocalBench.Params params;
      try {
        params = new LocalBench.Params(nodes, keys, concurrency, seed);
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage(), CliException.USAGE, e);
      }
      if (ioThreads != null && (ioThreads < 1 || ioThreads > MAX_IO_THREADS)) {
        throw new CliException(
            "--io-threads must be between 1 and " + MAX_IO_THREADS + ", found " + ioThreads,
            CliException.USAGE);
      }
      // The option is about the UDP transport's event loops: with it, the peers run on real UDP
      // whatever factory this command was given.
      try (NodeFactory factory =
          ioThreads == null
              ? factories.get()
              : new UdpNodeFactory(UdpTransport.best(), ioThreads)) {
        out.println(LocalBench.toJson(new LocalBench(factory, params).run()));
      }
      return 0;
    }
  }

  /** {@code bench churn --peers P --keys M --seed S}. */
  @Command(
      name = "churn",
      mixinStandardHelpOptions = true,
      header = "W4: gets from a survivor after half the peers stopped abruptly.",
      description =
          "W4: P real UDP peers on 127.0.0.1 in this process (peer 0 creates, the others join it);"
              + " M keys set from random peers; then half the peers, at random, stop without a"
              + " word; then one survivor gets the M keys in sequence. Prints the hits, the total"
              + " seconds and the 50th and 99th percentile of a get.")
  public static final class Churn implements Callable<Integer> {
    @Option(
        names = "--peers",
        paramLabel = "P",
        defaultValue = "60",
        description = "P (default ${DEFAULT-VALUE})")
    int peers;

    @Option(
        names = "--keys",
        paramLabel = "M",
        defaultValue = "100",
        description = "M (default ${DEFAULT-VALUE})")
    int keys;

    @Option(
        names = "--seed",
        paramLabel = "S",
        defaultValue = "1",
        description =
            "seed of the setters, the peers stopped and the survivor (default ${DEFAULT-VALUE})")
    long seed;

    private final Supplier<NodeFactory> factories;
    private final PrintStream out;

    public Churn(Supplier<NodeFactory> factories, PrintStream out) {
      this.factories = factories;
      this.out = out;
    }

    @Override
    public Integer call() {
      ChurnBench.Params params;
      try {
        params = new ChurnBench.Params(peers, keys, seed);
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage(), CliException.USAGE, e);
      }
      try (NodeFactory factory = factories.get()) {
        out.println(LocalBench.toJson(new ChurnBench(factory, params).run()));
      }
      return 0;
    }
  }

  /**
   * {@code bench sim --nodes N --lookups L --loss P --churn R --latency SPEC --seed S}, or {@code
   * bench sim --sweep [--max-nodes N] [--out DIR]}.
   */
  @Command(
      name = "sim",
      mixinStandardHelpOptions = true,
      header = "W3: N engines on the in-memory network, on virtual time.",
      description = {
        "W3: N engines (k = 20, alpha = 3) on the simulated network, their tables built by"
            + " indexed joins (the steps of a real join, the lookup of the own id run by direct"
            + " calls into the peers' tables instead of messages, each refresh answered from the"
            + " index of all ids), by direct joins (every lookup by direct calls) or by real"
            + " joins; then L node lookups of random targets from"
            + " random peers, one started every 100 virtual ms, while peers leave and join at"
            + " the churn rate. Prints one JSON line: the hop depth (rounds_*), the round trips"
            + " waited in turn (iterations_*), the mean RPCs, the recall (the share of the true"
            + " k closest returned) and the shape of the tables.",
        "With --sweep: the same at 100, 1,000, 10,000 and 100,000 peers (up to --max-nodes),"
            + " a JSON line each, then sim-sweep.csv and sim-sweep.png in --out."
      })
  public static final class Sim implements Callable<Integer> {
    @Option(
        names = "--nodes",
        paramLabel = "N",
        defaultValue = "1024",
        description = "N (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(
        names = "--lookups",
        paramLabel = "L",
        defaultValue = "100",
        description = "L (default ${DEFAULT-VALUE})")
    int lookups;

    @Option(
        names = "--loss",
        paramLabel = "P",
        defaultValue = "0",
        description = "probability that a message is lost (default ${DEFAULT-VALUE})")
    double loss;

    @Option(
        names = "--churn",
        paramLabel = "R",
        defaultValue = "0",
        description =
            "peers that leave abruptly per virtual minute, as a share of N, and as many new"
                + " ones that join, while the lookups run (default ${DEFAULT-VALUE})")
    double churn;

    @Option(
        names = "--latency",
        paramLabel = "SPEC",
        defaultValue = "10ms",
        description =
            "one-way delay of a message: 10ms (every link), uniform:5ms..150ms (each link its"
                + " own, uniformly), plane:5ms..150ms (from the hosts' places on a torus), each"
                + " with +J for a jitter in [0, J) per message (default ${DEFAULT-VALUE})")
    String latency;

    @Option(
        names = "--seed",
        paramLabel = "S",
        defaultValue = "1",
        description =
            "seed of ids, joins, targets, delays, losses and churn (default ${DEFAULT-VALUE})")
    long seed;

    @Option(
        names = "--joins",
        paramLabel = "HOW",
        defaultValue = "indexed",
        description =
            "how the tables are built: indexed (fastest; refreshes answered from the index of"
                + " all ids), direct (every lookup by direct calls) or real (every join by"
                + " messages on virtual time) (default ${DEFAULT-VALUE})")
    String joins;

    @Option(
        names = "--lookup-mode",
        paramLabel = "MODE",
        defaultValue = "pipelined",
        description =
            "pipelined (alpha requests always in flight, the engine's default) or rounds"
                + " (alpha-synchronous, as the Python package) (default ${DEFAULT-VALUE})")
    String lookupMode;

    @Option(
        names = "--join-refresh",
        negatable = true,
        defaultValue = "true",
        fallbackValue = "true",
        description =
            "a join ends by refreshing every bucket farther than the closest neighbour, as the"
                + " paper's (default); --no-join-refresh joins as the Python package's peers do")
    boolean joinRefresh;

    @Option(
        names = "--sweep",
        description = "run at 100, 1,000, 10,000, 100,000 peers (up to --max-nodes)")
    boolean sweep;

    @Option(
        names = "--max-nodes",
        paramLabel = "N",
        defaultValue = "100000",
        description =
            "the largest network of a sweep; 1000000 adds a million (default ${DEFAULT-VALUE})")
    int maxNodes;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        defaultValue = ".",
        description = "where a sweep writes sim-sweep.csv and sim-sweep.png (default: here)")
    Path outDir;

    private final PrintStream out;
    private final PrintStream err;

    public Sim(PrintStream out) {
      this(out, System.err);
    }

    /**
     * @param out where the JSON lines go
     * @param err where a sweep says which files it wrote
     */
    public Sim(PrintStream out, PrintStream err) {
      this.out = out;
      this.err = err;
    }

    @Override
    public Integer call() throws IOException {
      SimBench.Params params;
      try {
        params =
            new SimBench.Params(
                nodes,
                lookups,
                loss,
                churn,
                Latency.parse(latency),
                seed,
                choice("--joins", joins, Simulation.Joins.class),
                choice("--lookup-mode", lookupMode, LookupMode.class),
                joinRefresh);
        if (sweep) {
          Sweep.sizes(maxNodes);
        }
      } catch (IllegalArgumentException e) {
        throw new CliException(
            e.getMessage().startsWith("--") ? e.getMessage() : option(e), CliException.USAGE, e);
      }
      if (!sweep) {
        out.println(LocalBench.toJson(new SimBench(params).run()));
        return 0;
      }
      List<Workload.Figures> all =
          Sweep.run(
              params.workload(),
              maxNodes,
              new Sweep.Listener() {
                @Override
                public void measured(Workload.Figures f) {
                  out.println(LocalBench.toJson(SimBench.figures(f)));
                  out.flush();
                }
              },
              () -> false);
      Files.createDirectories(outDir);
      Path csv = outDir.resolve("sim-sweep.csv");
      Path png = outDir.resolve("sim-sweep.png");
      SweepFiles.writeCsv(all, csv);
      SweepChart.write(all, png);
      err.println("wrote " + csv + " and " + png);
      return 0;
    }

    private String option(IllegalArgumentException e) {
      String m = e.getMessage();
      if (m.contains("latency") || m.contains("delay") || m.contains("jitter")) {
        return "--latency: " + m;
      }
      if (m.contains("sweep")) {
        return "--max-nodes: " + m;
      }
      return m;
    }

    private static <E extends Enum<E>> E choice(String option, String value, Class<E> type) {
      for (E e : type.getEnumConstants()) {
        if (e.name().equalsIgnoreCase(value)) {
          return e;
        }
      }
      StringBuilder names = new StringBuilder();
      for (E e : type.getEnumConstants()) {
        names.append(names.length() == 0 ? "" : " or ").append(e.name().toLowerCase(Locale.ROOT));
      }
      throw new IllegalArgumentException(option + " is " + names + ", found '" + value + "'");
    }
  }
}
