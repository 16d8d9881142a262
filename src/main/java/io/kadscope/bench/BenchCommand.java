package io.kadscope.bench;

import io.kadscope.engine.NodeFactory;
import io.kadscope.headless.CliException;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench local}: runs workload W1 and prints its JSON line. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Run benchmark workload W1 (N peers in this process: sequential sets, sequential gets,"
            + " concurrent gets) and print one JSON line.")
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
}
