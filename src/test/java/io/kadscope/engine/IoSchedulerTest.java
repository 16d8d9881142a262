package io.kadscope.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A node given an I/O scheduler (a port's event loop, in a peer over UDP) times each request's
 * retransmissions there, and its periodic work on its own scheduler; without one, both on the
 * node's scheduler.
 */
class IoSchedulerTest {
  private static final InetSocketAddress SILENT = new InetSocketAddress("10.0.0.9", 7123);

  /** Two schedulers on one virtual clock: each runs only what was scheduled on it. */
  private final VirtualScheduler io = new VirtualScheduler();

  private final VirtualScheduler periodic = new VirtualScheduler(io.now());

  @Test
  void retransmissionsAreTimedOnTheIoScheduler_notOnTheNodes() {
    ScriptedPort port = new ScriptedPort(io); // never answers
    KademliaNode node =
        KademliaNode.builder()
            .rpcPort(port)
            .clock(io.clock())
            .scheduler(periodic)
            .ioScheduler(io)
            .build();
    node.start();
    int periodicBefore = periodic.queued();

    CompletableFuture<Optional<NodeId>> ping = node.ping(SILENT);
    assertThat(periodic.queued()).isEqualTo(periodicBefore);
    io.advance(Defaults.RPC_TIMEOUT);

    // a contact never measured: again after 1 s, then 2 s later, then the hard limit
    assertThat(port.attempts).hasSize(3);
    assertThat(ping).isCompletedWithValue(Optional.empty());
    node.stop();
  }

  @Test
  void withoutAnIoScheduler_theNodesSchedulerTimesThem() {
    ScriptedPort port = new ScriptedPort(io); // never answers
    KademliaNode node =
        KademliaNode.builder().rpcPort(port).clock(io.clock()).scheduler(periodic).build();
    node.start();

    node.ping(SILENT);
    io.advance(Duration.ofMillis(1500));
    assertThat(port.attempts).hasSize(1);
    periodic.advance(Duration.ofMillis(1500));

    assertThat(port.attempts).hasSize(2);
    node.stop();
  }
}
