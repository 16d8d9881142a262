package io.kadscope.bench;

import io.kadscope.cli.CliException;
import io.kadscope.engine.NodeFactory;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench local|churn|sim}: runs workload W1, W4 or W3 and prints its JSON line. */
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
      try (NodeFactory factory = factories.get()) {
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

  /** {@code bench sim --nodes N --lookups L --loss P --seed S}. */
  @Command(
      name = "sim",
      mixinStandardHelpOptions = true,
      header = "W3: N engines on the in-memory network, on virtual time.",
      description =
          "W3: N engines (k = 20, alpha = 3) on the simulated network, 10 ms one way, each"
              + " joining through a random peer already in by a real join; then L node lookups of"
              + " random targets from random peers. Prints the mean and 99th-percentile rounds,"
              + " the mean RPCs and the recall (the fraction of the true k closest returned).")
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
        names = "--seed",
        paramLabel = "S",
        defaultValue = "1",
        description = "seed of ids, joins, targets and losses (default ${DEFAULT-VALUE})")
    long seed;

    private final PrintStream out;

    public Sim(PrintStream out) {
      this.out = out;
    }

    @Override
    public Integer call() {
      SimBench.Params params;
      try {
        params = new SimBench.Params(nodes, lookups, loss, seed);
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage(), CliException.USAGE, e);
      }
      out.println(LocalBench.toJson(new SimBench(params).run()));
      return 0;
    }
  }
}
