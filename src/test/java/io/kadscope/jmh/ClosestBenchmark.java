package io.kadscope.jmh;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.routing.RoutingTable;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The k = 20 closest contacts to a random target, as every find_node and find_value answer and
 * every lookup's start need, from a routing table offered 10,000 contacts. With buckets of 20 the
 * table keeps a few hundred of them; with buckets of 1,000 it keeps nearly all 10,000.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ClosestBenchmark {
  @Param({"20", "1000"})
  public int bucketSize;

  private RoutingTable table;
  private NodeId[] targets;
  private int next;

  @Setup
  public void setUp() {
    Random r = new Random(2);
    table = new RoutingTable(NodeId.random(r), bucketSize, 3, 5, Clock.systemUTC(), e -> {});
    for (int i = 0; i < 10_000; i++) {
      table.seen(
          new Contact(
              NodeId.random(r),
              new InetSocketAddress(
                  "10." + (i >>> 16) + "." + ((i >>> 8) & 255) + "." + (i & 255), 7123)),
          null);
    }
    targets = new NodeId[1024];
    for (int i = 0; i < targets.length; i++) {
      targets[i] = NodeId.random(r);
    }
    System.out.println("table holds " + table.size() + " of 10000 contacts");
  }

  @Benchmark
  public List<Contact> closest20() {
    NodeId target = targets[next++ & (targets.length - 1)];
    return table.closest(target, 20, null);
  }
}
