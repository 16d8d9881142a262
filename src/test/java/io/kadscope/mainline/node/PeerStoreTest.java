package io.kadscope.mainline.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.VirtualScheduler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The peers held per info-hash: kept 30 minutes from their last announce, and bounded. */
class PeerStoreTest {
  private static final NodeId A = NodeId.fromHex("aa".repeat(20));
  private static final NodeId B = NodeId.fromHex("bb".repeat(20));
  private final VirtualScheduler time = new VirtualScheduler();
  private final Random random = new Random(1);

  private static InetSocketAddress peer(int n) {
    return new InetSocketAddress("10.0." + (n / 250) + "." + (n % 250 + 1), 6881);
  }

  @Test
  void aPeer_isListedUntil30MinutesAfterItsLastAnnounce() {
    PeerStore store = new PeerStore(time.clock());
    store.announce(A, peer(1));
    time.advance(Duration.ofMinutes(20));
    store.announce(A, peer(1));
    store.announce(A, peer(2));

    time.advance(Duration.ofMinutes(20));
    assertThat(store.peers(A, 50, random)).containsExactly(peer(1), peer(2));
    time.advance(Duration.ofMinutes(10));
    assertThat(store.peers(A, 50, random)).isEmpty();
    assertThat(store.expire()).isEqualTo(2);
    assertThat(store.size()).isZero();
    assertThat(store.infoHashes()).isZero();
  }

  @Test
  void anInfoHashKeepsItsLatestPeers_upToItsBound() {
    PeerStore store = new PeerStore(time.clock(), 3, 100);
    for (int i = 0; i < 5; i++) {
      store.announce(A, peer(i));
    }

    assertThat(store.peers(A, 50, random)).containsExactly(peer(2), peer(3), peer(4));
    assertThat(store.size()).isEqualTo(3);
  }

  @Test
  void theTotalBound_dropsTheOldestPeerOfTheInfoHashAnnouncedToLongestAgo() {
    PeerStore store = new PeerStore(time.clock(), 3, 4);
    store.announce(A, peer(1));
    store.announce(A, peer(2));
    store.announce(B, peer(3));
    store.announce(B, peer(4));

    store.announce(B, peer(5));

    assertThat(store.size()).isEqualTo(4);
    assertThat(store.peers(A, 50, random)).containsExactly(peer(2));
    assertThat(store.peers(B, 50, random)).containsExactly(peer(3), peer(4), peer(5));
  }

  @Test
  void anAnswer_listsAtMostItsShare_chosenFromAll() {
    PeerStore store = new PeerStore(time.clock());
    for (int i = 0; i < 80; i++) {
      store.announce(A, peer(i));
    }

    assertThat(store.peers(A, PeerStore.PEERS_PER_ANSWER, random))
        .hasSize(PeerStore.PEERS_PER_ANSWER)
        .doesNotHaveDuplicates();
  }

  @Test
  void boundsOutOfOrder_areRefused() {
    assertThatThrownBy(() -> new PeerStore(time.clock(), 10, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "bounds must be 1 <= per info-hash <= total, found 10 per info-hash and 5 in all");
  }
}
