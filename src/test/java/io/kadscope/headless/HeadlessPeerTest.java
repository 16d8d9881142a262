package io.kadscope.headless;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeFactory;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import io.kadscope.persist.StateFile;
import io.kadscope.testing.InMemoryNetwork;
import io.kadscope.testing.Lines;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadlessPeerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final InMemoryNetwork network = new InMemoryNetwork();
  private final NodeFactory factory = network.factory(Duration.ofMillis(300));
  private final Lines out = new Lines();

  @TempDir Path dir;

  @AfterEach
  void stop() {
    network.shutdown();
  }

  private HeadlessPeer peer(Optional<InetSocketAddress> seed, Optional<StateFile> state) {
    return new HeadlessPeer(
        factory,
        new HeadlessPeer.Settings(
            new InetSocketAddress(0),
            seed,
            state,
            HeadlessPeer.SAVE_INTERVAL,
            Duration.ofMillis(100),
            WAIT),
        out.stream());
  }

  @Test
  void aJoinNoSeedAnswers_saysWhomItTriedKeepsRunningAndJoinsWhenTheSeedComesUp() throws Exception {
    InetSocketAddress seedAddress =
        new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 45_123);
    HeadlessPeer peer = peer(Optional.of(seedAddress), Optional.empty());
    KademliaNode node = peer.start();
    try {
      out.awaitContaining(
          "No seed answered (tried 127.0.0.1:45123): running alone, other peers can join this one;"
              + " retrying every 0.1 s.",
          WAIT);
      assertThat(node.isRunning()).isTrue();

      KademliaNode seed = factory.create(seedAddress);
      seed.start();
      out.awaitContaining("Joined the network through 127.0.0.1:45123: 1 contact.", WAIT);
      seed.stop();
    } finally {
      peer.stop();
    }
  }

  @Test
  void aRestartFromTheStateFile_keepsTheIdAndTheValues() throws Exception {
    StateFile file = new StateFile(dir.resolve("peer.json"));
    HeadlessPeer first = peer(Optional.empty(), Optional.of(file));
    KademliaNode node = first.start();
    NodeId id = node.id();
    node.set("greeting", Value.of("hello")).join();
    first.stop();
    out.awaitContaining("Stopped.", WAIT);

    HeadlessPeer second = peer(Optional.empty(), Optional.of(file));
    KademliaNode again = second.start();
    try {
      assertThat(again.id()).isEqualTo(id);
      assertThat(again.localValue(NodeId.ofKey("greeting"))).contains(Value.of("hello"));
      out.awaitContaining("listening on 127.0.0.1:", WAIT);
    } finally {
      second.stop();
    }
  }

  @Test
  void whileRunning_theStateIsSavedEverySaveInterval() throws Exception {
    Path path = dir.resolve("peer.json");
    HeadlessPeer peer =
        new HeadlessPeer(
            factory,
            new HeadlessPeer.Settings(
                new InetSocketAddress(0),
                Optional.empty(),
                Optional.of(new StateFile(path)),
                Duration.ofMillis(100),
                HeadlessPeer.RETRY_INTERVAL,
                WAIT),
            out.stream());
    try (WatchService watch = dir.getFileSystem().newWatchService()) {
      dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
      KademliaNode node = peer.start();

      awaitCreated(watch, path);
      assertThat(new StateFile(path).load().orElseThrow().id()).isEqualTo(node.id());
    } finally {
      peer.stop();
    }
  }

  /** Waits until {@code path} is created (a save's temporary file comes first). */
  private static void awaitCreated(WatchService watch, Path path) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      WatchKey key = left > 0 ? watch.poll(left, TimeUnit.NANOSECONDS) : null;
      assertThat(key).as("%s created within %s", path, WAIT).isNotNull();
      if (key.pollEvents().stream().anyMatch(e -> path.getFileName().equals(e.context()))) {
        return;
      }
      key.reset();
    }
  }

  @Test
  void stop_closesThePortSoTheAddressIsFreeAgain() {
    HeadlessPeer peer = peer(Optional.empty(), Optional.empty());
    peer.start();

    peer.stop();
    peer.stop();

    assertThat(network.openPorts()).isZero();
    assertThat(out.all()).filteredOn("Stopped."::equals).hasSize(1);
  }
}
