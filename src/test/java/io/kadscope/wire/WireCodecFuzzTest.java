package io.kadscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kadscope.engine.Defaults;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import io.kadscope.engine.rpc.MessageTooLargeException;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcKind;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

/**
 * Coverage-guided fuzzing of the rpcudp codec (Jazzer): a whole datagram, and a response body as
 * the answer to each kind of request. Properties: nothing but {@link WireFormatException} comes
 * out; what decodes encodes back to what decodes equal; and decoding allocates in proportion to the
 * bytes given, whatever lengths or nesting they claim.
 *
 * <p>{@code mvn verify} replays the inputs under {@code src/test/resources/.../
 * WireCodecFuzzTestInputs/<method>/} (the 40 reference datagrams, and every crash found);
 * docs/security.md has the command that fuzzes for real.
 */
class WireCodecFuzzTest {
  /** What decoding may allocate beyond a multiple of the input: error messages, small tables. */
  private static final long SLACK_BYTES = 64 * 1024;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private static final MessageId ID = MessageId.fromHex("5a".repeat(20));
  private static final NodeId ONE = NodeId.fromHex("01".repeat(20));
  private static final NodeId TWO = NodeId.fromHex("02".repeat(20));

  private final WireCodec codec = new WireCodec();

  @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
  void decode(byte[] datagram) {
    Datagram d;
    try {
      d = codec.decode(datagram);
    } catch (WireFormatException e) {
      checkAllocation(() -> codec.decode(datagram), datagram.length);
      return;
    }
    checkAllocation(() -> codec.decode(datagram), datagram.length);
    if (d instanceof Datagram.OfRequest q) {
      ByteBuffer again;
      try {
        again = codec.encodeRequest(q.id(), q.request());
      } catch (MessageTooLargeException e) {
        // A value read from a shorter encoding (a float32) may take more bytes written again.
        assertThat(datagram.length).isGreaterThan(WireCodec.MAX_DATAGRAM_BYTES - 16);
        return;
      }
      assertThat(codec.decode(bytes(again))).isEqualTo(d);
    }
  }

  @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
  void decodeResponseToPing(byte[] body) {
    response(RpcKind.PING, body);
  }

  @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
  void decodeResponseToStore(byte[] body) {
    response(RpcKind.STORE, body);
  }

  @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
  void decodeResponseToFindNode(byte[] body) {
    response(RpcKind.FIND_NODE, body);
  }

  @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
  void decodeResponseToFindValue(byte[] body) {
    response(RpcKind.FIND_VALUE, body);
  }

  @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
  void decodeResponseToStun(byte[] body) {
    response(RpcKind.STUN, body);
  }

  private void response(RpcKind kind, byte[] body) {
    Request asked = request(kind);
    Response r;
    try {
      r = codec.decodeResponse(asked, ByteBuffer.wrap(body));
    } catch (WireFormatException e) {
      checkAllocation(() -> codec.decodeResponse(asked, ByteBuffer.wrap(body)), body.length);
      return;
    }
    checkAllocation(() -> codec.decodeResponse(asked, ByteBuffer.wrap(body)), body.length);
    assertThat(kind.isAnsweredBy(r)).as("%s answered by %s", kind, r).isTrue();
    ByteBuffer out;
    try {
      out = codec.encodeResponse(ID, r);
    } catch (MessageTooLargeException e) {
      // Addresses are written back in full (::1 as 0:0:0:0:0:0:0:1), floats as float64.
      assertThat(body.length).isGreaterThan(Defaults.MAX_BODY_BYTES / 4);
      return;
    }
    Datagram d = codec.decode(bytes(out));
    assertThat(d).isInstanceOf(Datagram.OfResponse.class);
    assertThat(codec.decodeResponse(asked, ((Datagram.OfResponse) d).body())).isEqualTo(r);
  }

  /** A request of {@code kind}: a switch expression, so that a new kind needs one here too. */
  private static Request request(RpcKind kind) {
    return switch (kind) {
      case PING -> new Request.Ping(ONE);
      case STORE -> new Request.Store(ONE, TWO, Value.of("v"));
      case FIND_NODE -> new Request.FindNode(ONE, TWO);
      case FIND_VALUE -> new Request.FindValue(ONE, TWO);
      case STUN -> new Request.Stun();
      // rpcudp's wire has none of the BitTorrent DHT's kinds (KrpcCodecFuzzTest fuzzes those)
      case GET_PEERS, ANNOUNCE_PEER, GET_ITEM, PUT_ITEM ->
          throw new IllegalArgumentException(kind + " is not an rpcudp RPC");
    };
  }

  private static long allocated() {
    return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  /**
   * Fails when decoding {@code length} bytes again allocates more than a few times that. Measured
   * on a second decode of the same bytes, which takes the same path with every class it needs
   * loaded: the first may load classes, and that is not the input's doing.
   */
  static void checkAllocation(Runnable decodeAgain, int length) {
    long before = allocated();
    try {
      decodeAgain.run();
    } catch (WireFormatException e) {
      // as the first time
    }
    long used = allocated() - before;
    assertThat(used)
        .as("bytes allocated decoding %d bytes", length)
        .isLessThanOrEqualTo(SLACK_BYTES + 16L * length);
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }
}
