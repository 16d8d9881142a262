package io.kadscope.sim;

import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.VirtualScheduler;
import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.rpc.RpcPort;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/** Many engines on one simulated network, for tests. */
final class SimCluster {
  final VirtualScheduler time = new VirtualScheduler();
  final Random random;
  final SimNetwork net;
  final List<KademliaNode> nodes = new ArrayList<>();
  final ConcurrentLinkedQueue<EngineEvent> events = new ConcurrentLinkedQueue<>();

  SimCluster(long seed, double loss) {
    random = new Random(seed);
    net = new SimNetwork(time, Duration.ofMillis(2), loss, random);
  }

  KademliaNode add(int k, Consumer<KademliaNode.Builder> custom) {
    return add(net.newPort(), k, custom);
  }

  /** A node at {@code address}, one a stopped node left free (it comes back where it was). */
  KademliaNode addAt(InetSocketAddress address, int k, Consumer<KademliaNode.Builder> custom) {
    return add(net.newPort(address), k, custom);
  }

  private KademliaNode add(RpcPort port, int k, Consumer<KademliaNode.Builder> custom) {
    KademliaNode.Builder b =
        KademliaNode.builder()
            .rpcPort(port)
            .scheduler(time)
            .clock(time.clock())
            .random(random)
            .k(k)
            .listener(events::add);
    custom.accept(b);
    KademliaNode n = b.build();
    n.start();
    nodes.add(n);
    return n;
  }

  /** Adds {@code count} nodes, each joining through the first. */
  void grow(int count, int k) {
    for (int i = 0; i < count; i++) {
      KademliaNode n = add(k, b -> {});
      if (nodes.size() > 1) {
        await(n.bootstrap(List.of(nodes.get(0).address())));
      }
    }
  }

  /** Runs virtual time until the future completes (at most a virtual minute). */
  <T> T await(CompletableFuture<T> f) {
    for (int i = 0; i < 60_000 && !f.isDone(); i++) {
      time.advance(Duration.ofMillis(1));
    }
    if (!f.isDone()) {
      throw new AssertionError("not done after a virtual minute");
    }
    return f.join();
  }
}
