package io.kadscope.krpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damaged datagrams, made by mutating the recorded ones with a fixed seed: each either decodes, and
 * then survives a round trip, or fails with a {@link KrpcFormatException}; nothing else escapes.
 */
class KrpcCodecRobustnessTest {
  private static final int MUTATIONS_PER_DATAGRAM = 250;
  private static final Id160 ID = Id160.fromHex("42".repeat(20));
  private static final List<Query> ANY_QUERY =
      List.of(
          new Query.Ping(),
          new Query.FindNode(ID),
          new Query.GetPeers(ID),
          new Query.AnnouncePeer(ID, 1, BBytes.EMPTY, false),
          new Query.Get(ID),
          Query.Put.immutable(BBytes.EMPTY, Bencoded.of(new BInt(0))),
          new Query.Unknown(BBytes.utf8("x")));

  private final KrpcCodec codec = new KrpcCodec();

  @Test
  void mutatedDatagrams_decodeOrFailWithAFormatError_andWhatDecodesRoundTrips() {
    Random random = new Random(20240611L);
    int decoded = 0;
    int refused = 0;
    for (LibtorrentDatagrams.Entry e : LibtorrentDatagrams.all()) {
      for (int i = 0; i < MUTATIONS_PER_DATAGRAM; i++) {
        byte[] bytes = mutate(e.bytes(), random);
        try {
          check(codec.decode(bytes));
          decoded++;
        } catch (KrpcFormatException expected) {
          assertThat(expected.getMessage()).isNotBlank();
          refused++;
        }
      }
    }
    // both outcomes occur, so the mutations neither all break nor all miss the structure
    assertThat(decoded).isGreaterThan(1000);
    assertThat(refused).isGreaterThan(1000);
  }

  private void check(KrpcMessage m) {
    if (m instanceof KrpcQuery q) {
      assertThat(codec.decode(codec.encode(q))).isEqualTo(q);
    } else if (m instanceof KrpcError err) {
      if (isUtf8(err.message())) {
        assertThat(codec.decode(codec.encode(err))).isEqualTo(err);
      }
    } else {
      KrpcRawResponse raw = (KrpcRawResponse) m;
      for (Query asked : ANY_QUERY) {
        KrpcResponse r;
        try {
          r = codec.decodeResponse(asked, raw);
        } catch (KrpcFormatException notThisKind) {
          continue;
        }
        KrpcRawResponse again = (KrpcRawResponse) codec.decode(codec.encode(r));
        assertThat(codec.decodeResponse(asked, again)).isEqualTo(r);
      }
    }
  }

  private static boolean isUtf8(String decoded) {
    return decoded.indexOf('\ufffd') < 0;
  }

  private static byte[] mutate(byte[] original, Random random) {
    byte[] b = original.clone();
    switch (random.nextInt(6)) {
      case 0: // flip a bit
        b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        return b;
      case 1: // cut short
        return Arrays.copyOf(b, random.nextInt(b.length));
      case 2: // a structural byte somewhere
        b[random.nextInt(b.length)] = (byte) "ilde0123456789:-".charAt(random.nextInt(16));
        return b;
      case 3: // a huge length where a length may be
        {
          int at = random.nextInt(b.length);
          byte[] huge = "4294967296".getBytes(StandardCharsets.US_ASCII);
          byte[] out = new byte[b.length + huge.length];
          System.arraycopy(b, 0, out, 0, at);
          System.arraycopy(huge, 0, out, at, huge.length);
          System.arraycopy(b, at, out, at + huge.length, b.length - at);
          return out;
        }
      case 4: // a slice repeated
        {
          int from = random.nextInt(b.length);
          int len = 1 + random.nextInt(Math.min(40, b.length - from));
          byte[] out = Arrays.copyOf(b, b.length + len);
          System.arraycopy(b, from, out, from + len, b.length - from);
          return out;
        }
      default: // a byte dropped
        {
          int at = random.nextInt(b.length);
          byte[] out = new byte[b.length - 1];
          System.arraycopy(b, 0, out, 0, at);
          System.arraycopy(b, at + 1, out, at, b.length - at - 1);
          return out;
        }
    }
  }
}
