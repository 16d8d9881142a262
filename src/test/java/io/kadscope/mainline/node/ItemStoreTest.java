package io.kadscope.mainline.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.VirtualScheduler;
import io.kadscope.krpc.BBytes;
import io.kadscope.krpc.Bencoded;
import io.kadscope.mainline.Ed25519;
import io.kadscope.mainline.ImmutableItem;
import io.kadscope.mainline.MutableItem;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The items held for others: kept 2 hours from their last put, and bounded. */
class ItemStoreTest {
  private final VirtualScheduler time = new VirtualScheduler();

  private static ImmutableItem item(String text) {
    return new ImmutableItem(Bencoded.of(BBytes.utf8(text)));
  }

  @Test
  void anItem_isHeldUntilTwoHoursAfterItsLastPut() {
    ItemStore store = new ItemStore(time.clock());
    store.put(item("a"));
    time.advance(Duration.ofMinutes(90));
    store.put(item("a"));
    time.advance(Duration.ofMinutes(90));

    assertThat(store.get(item("a").target())).contains(item("a"));
    time.advance(Duration.ofMinutes(30));
    assertThat(store.get(item("a").target())).isEmpty();
    assertThat(store.expire()).isEqualTo(1);
    assertThat(store.size()).isZero();
  }

  @Test
  void beyondItsBound_theItemPutLongestAgoGoes() {
    ItemStore store = new ItemStore(time.clock(), 2);
    store.put(item("a"));
    store.put(item("b"));
    store.put(item("a"));

    store.put(item("c"));

    assertThat(store.get(item("b").target())).isEmpty();
    assertThat(store.get(item("a").target())).isPresent();
    assertThat(store.get(item("c").target())).isPresent();
  }

  @Test
  void mutable_isTheMutableItemOnly() {
    ItemStore store = new ItemStore(time.clock());
    KeyPair keys = Ed25519.generate(new SecureRandom());
    MutableItem m = MutableItem.sign(keys, BBytes.EMPTY, 1, Bencoded.of(BBytes.utf8("m")));
    store.put(m);
    store.put(item("i"));

    assertThat(store.mutable(m.target())).contains(m);
    assertThat(store.mutable(item("i").target())).isEmpty();
  }
}
