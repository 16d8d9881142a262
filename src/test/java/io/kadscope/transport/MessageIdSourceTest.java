package io.kadscope.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.wire.MessageId;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The message ids a port sends: a peer that has seen one port's ids, or another port's, must not be
 * able to tell the next, so no two sources may share a keystream, and no id may come twice.
 */
class MessageIdSourceTest {

  @Test
  void noIdComesTwiceAcrossManyRefillsOfOneSource() {
    MessageIdSource ids = new MessageIdSource();
    Set<MessageId> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(ids.next())).as("id %d is new", i).isTrue();
    }
  }

  @Test
  void sourcesMadeOneAfterTheOtherShareNoIds() {
    Set<MessageId> seen = new HashSet<>();
    for (int source = 0; source < 64; source++) {
      MessageIdSource ids = new MessageIdSource();
      for (int i = 0; i < 100; i++) {
        assertThat(seen.add(ids.next())).as("source %d, id %d is new", source, i).isTrue();
      }
    }
  }

  @Test
  void shorterIdsComeFromTheSameStreamWithoutOverlap() {
    MessageIdSource ids = new MessageIdSource();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 5_000; i++) {
      byte[] b = ids.nextBytes(i % 2 == 0 ? 8 : 20);
      assertThat(b).hasSize(i % 2 == 0 ? 8 : 20);
      assertThat(seen.add(HexFormat.of().formatHex(b))).as("draw %d is new", i).isTrue();
    }
  }
}
