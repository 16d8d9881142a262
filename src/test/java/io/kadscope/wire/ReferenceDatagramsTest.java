package io.kadscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every datagram recorded from the Python reference nodes decodes, and re-encodes the same. */
class ReferenceDatagramsTest {
  private final WireCodec codec = new WireCodec();

  static List<ReferenceDatagrams.Entry> datagrams() {
    return ReferenceDatagrams.all();
  }

  @Test
  void referenceFile_holdsFortyDatagramsOfBothKinds() {
    assertThat(datagrams()).hasSize(40);
    assertThat(datagrams()).filteredOn(ReferenceDatagrams.Entry::isRequest).hasSize(20);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("datagrams")
  void decode_matchesTheRecordedStructure(ReferenceDatagrams.Entry e) {
    Datagram d = codec.decode(e.bytes());

    assertThat(d.id()).isEqualTo(MessageId.fromHex(e.msgId()));
    if (e.isRequest()) {
      assertThat(d).isInstanceOf(Datagram.OfRequest.class);
      assertThat(JsonForm.of(((Datagram.OfRequest) d).request())).isEqualTo(e.decoded());
    } else {
      assertThat(d).isInstanceOf(Datagram.OfResponse.class);
      Response r = decodeResponse(e, (Datagram.OfResponse) d);
      assertThat(JsonForm.of(r)).isEqualTo(e.decoded());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("datagrams")
  void encode_ofTheDecodedRecord_givesTheRecordedBytes(ReferenceDatagrams.Entry e) {
    Datagram d = codec.decode(e.bytes());

    byte[] again;
    if (d instanceof Datagram.OfRequest q) {
      again = bytes(codec.encodeRequest(q.id(), q.request()));
      assertThat(codec.decode(again)).isEqualTo(d);
    } else {
      Response r = decodeResponse(e, (Datagram.OfResponse) d);
      again = bytes(codec.encodeResponse(d.id(), r));
      Datagram back = codec.decode(again);
      assertThat(decodeResponse(e, (Datagram.OfResponse) back)).isEqualTo(r);
    }
    // Python's msgpack and msgpack-java both pick the shortest encoding, so the bytes agree.
    assertThat(again).isEqualTo(e.bytes());
  }

  private Response decodeResponse(ReferenceDatagrams.Entry e, Datagram.OfResponse d) {
    Request answered =
        ((Datagram.OfRequest) codec.decode(ReferenceDatagrams.requestFor(e.msgId()).bytes()))
            .request();
    return codec.decodeResponse(answered, d.body());
  }

  static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }
}
