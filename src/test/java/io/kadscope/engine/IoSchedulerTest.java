package io.kadscope.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Where a node times each request's retransmissions: on the I/O scheduler its builder names, else
 * on the one its port offers (a socket's event loop, in a peer over UDP), else on its own
 * scheduler; its periodic work stays on its own scheduler.
 */
class IoSchedulerTest {
  private static final InetSocketAddress SILENT = new InetSocketAddress("10.0.0.9", 7123);

  /** Two schedulers on one virtual clock: each runs only what was scheduled on it. */
  private final VirtualScheduler io = new VirtualScheduler();

  private final VirtualScheduler periodic = new VirtualScheduler(io.now());

  @Test
  void retransmissionsAreTimedOnTheIoSchedulerGiven_andPeriodicWorkOnTheNodes() {
    ScriptedPort port = new ScriptedPort(io); // never answers
    KademliaNode node =
        KademliaNode.builder()
            .rpcPort(port)
            .clock(io.clock())
            .scheduler(periodic)
            .ioScheduler(io)
            .build();
    node.start();
    assertThat(io.queued()).as("the maintenance tick").isZero();
    int periodicBefore = periodic.queued();
    assertThat(periodicBefore).as("the maintenance tick").isPositive();

    CompletableFuture<Optional<NodeId>> ping = node.ping(SILENT);
    assertThat(periodic.queued()).isEqualTo(periodicBefore);
    io.advance(Defaults.RPC_TIMEOUT);

    // a contact never measured: again after 1 s, then 2 s later, then the hard limit
    assertThat(port.attempts).hasSize(3);
    assertThat(ping).isCompletedWithValue(Optional.empty());
    node.stop();
  }

  @Test
  void byDefault_thePortsIoThreadTimesThem_whereThePortOffersOne() {
    ScriptedPort port = new ScriptedPort(io, true); // never answers
    KademliaNode node =
        KademliaNode.builder().rpcPort(port).clock(io.clock()).scheduler(periodic).build();
    node.start();
    int periodicBefore = periodic.queued();

    node.ping(SILENT);
    io.advance(Duration.ofMillis(1500));

    assertThat(port.attempts).hasSize(2);
    assertThat(periodic.queued()).isEqualTo(periodicBefore);
    node.stop();
  }

  @Test
  void withNeither_theNodesSchedulerTimesThem() {
    ScriptedPort port = new ScriptedPort(io); // never answers, offers no I/O thread
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
