package io.kadscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Properties: records round-trip; no input makes the decoder throw anything but ours. */
class WireCodecProperties {
  private static final List<Request> ANY_REQUEST_KIND =
      List.of(
          new Request.Ping(id(1)),
          new Request.Store(id(1), id(2), Value.of("x")),
          new Request.FindNode(id(1), id(2)),
          new Request.FindValue(id(1), id(2)),
          new Request.Stun());
  private static final List<byte[]> REFERENCE =
      ReferenceDatagrams.all().stream().map(ReferenceDatagrams.Entry::bytes).toList();

  private final WireCodec codec = new WireCodec();

  @Property(tries = 500)
  void request_roundTrips(@ForAll("requests") Request request, @ForAll @Size(20) byte[] id) {
    MessageId msgId = MessageId.of(id);

    byte[] bytes = ReferenceDatagramsTest.bytes(codec.encodeRequest(msgId, request));

    assertThat(codec.decode(bytes)).isEqualTo(new Datagram.OfRequest(msgId, request));
  }

  @Property(tries = 500)
  void response_roundTrips(@ForAll("responses") Response response, @ForAll @Size(20) byte[] id) {
    MessageId msgId = MessageId.of(id);

    byte[] bytes = ReferenceDatagramsTest.bytes(codec.encodeResponse(msgId, response));
    Datagram d = codec.decode(bytes);

    assertThat(d.id()).isEqualTo(msgId);
    assertThat(codec.decodeResponse(answered(response), ((Datagram.OfResponse) d).body()))
        .isEqualTo(response);
  }

  @Property(tries = 2000)
  void randomBytes_failOnlyWithWireFormatException(@ForAll @Size(max = 300) byte[] body) {
    byte[] asRequest = new byte[body.length + 21];
    System.arraycopy(body, 0, asRequest, 21, body.length);
    decodeEverywayCatchingOnlyOurs(asRequest);
    asRequest[0] = WireCodec.KIND_RESPONSE;
    decodeEverywayCatchingOnlyOurs(asRequest);
    decodeEverywayCatchingOnlyOurs(body);
  }

  @Property(tries = 3000)
  void mutatedReferenceDatagrams_failOnlyWithWireFormatException(@ForAll long seed) {
    Random r = new Random(seed);
    byte[] original = REFERENCE.get(r.nextInt(REFERENCE.size()));
    decodeEverywayCatchingOnlyOurs(mutate(original, r));
  }

  /** Decodes, and types a response body as the answer to every kind of request. */
  private void decodeEverywayCatchingOnlyOurs(byte[] bytes) {
    Datagram d;
    try {
      d = codec.decode(bytes);
    } catch (WireFormatException expected) {
      return;
    }
    if (d instanceof Datagram.OfResponse resp) {
      for (Request q : ANY_REQUEST_KIND) {
        try {
          codec.decodeResponse(q, resp.body());
        } catch (WireFormatException expected) {
          // the only exception allowed
        }
      }
    }
  }

  static byte[] mutate(byte[] original, Random r) {
    byte[] b = original.clone();
    int edits = 1 + r.nextInt(4);
    for (int e = 0; e < edits && b.length > 0; e++) {
      int at = 21 + r.nextInt(Math.max(1, b.length - 21));
      at = Math.min(at, b.length - 1);
      switch (r.nextInt(5)) {
        case 0 -> b[at] = (byte) r.nextInt(256); // any byte
        case 1 -> b[at] = (byte) (0xc0 + r.nextInt(0x40)); // a header of another type
        case 2 -> b = java.util.Arrays.copyOf(b, at); // truncated
        case 3 -> { // a byte inserted
          byte[] c = new byte[b.length + 1];
          System.arraycopy(b, 0, c, 0, at);
          c[at] = (byte) r.nextInt(256);
          System.arraycopy(b, at, c, at + 1, b.length - at);
          b = c;
        }
        default -> b[at] ^= (byte) (1 << r.nextInt(8)); // one bit flipped
      }
    }
    return b;
  }

  private static Request answered(Response r) {
    if (r instanceof Response.PingReply) {
      return ANY_REQUEST_KIND.get(0);
    } else if (r instanceof Response.StoreReply) {
      return ANY_REQUEST_KIND.get(1);
    } else if (r instanceof Response.Nodes) {
      return ANY_REQUEST_KIND.get(2);
    } else if (r instanceof Response.FoundValue) {
      return ANY_REQUEST_KIND.get(3);
    }
    return ANY_REQUEST_KIND.get(4);
  }

  @Provide
  Arbitrary<Request> requests() {
    Arbitrary<NodeId> ids = ids();
    return Arbitraries.oneOf(
        ids.map(Request.Ping::new),
        Combinators.combine(ids, ids, values()).as(Request.Store::new),
        Combinators.combine(ids, ids).as(Request.FindNode::new),
        Combinators.combine(ids, ids).as(Request.FindValue::new),
        Arbitraries.just(new Request.Stun()));
  }

  @Provide
  Arbitrary<Response> responses() {
    Arbitrary<Contact> contacts =
        Combinators.combine(ids(), addresses(), ports())
            .as((id, ip, port) -> new Contact(id, new InetSocketAddress(ip, port)));
    return Arbitraries.oneOf(
        ids().map(Response.PingReply::new),
        Arbitraries.of(true, false).map(Response.StoreReply::new),
        contacts.list().ofMaxSize(25).map(Response.Nodes::new),
        values().map(Response.FoundValue::new),
        Combinators.combine(addresses(), ports())
            .as((ip, port) -> new Response.StunReply(ip.getHostAddress(), port)));
  }

  private static Arbitrary<NodeId> ids() {
    return Arbitraries.bytes().array(byte[].class).ofSize(NodeId.BYTES).map(NodeId::of);
  }

  private static Arbitrary<Integer> ports() {
    return Arbitraries.integers().between(1, 65535);
  }

  private static Arbitrary<InetAddress> addresses() {
    return Arbitraries.oneOf(
            Arbitraries.bytes().array(byte[].class).ofSize(4),
            Arbitraries.bytes().array(byte[].class).ofSize(16))
        .map(
            b -> {
              try {
                return InetAddress.getByAddress(b);
              } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
              }
            });
  }

  private static Arbitrary<Value> values() {
    return Arbitraries.oneOf(
        Arbitraries.strings()
            .withCharRange('\u0000', '\ud7ff')
            .withCharRange('\ue000', '\uffff')
            .ofMaxLength(300)
            .map(Value::of),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(Value.Bin::new),
        Arbitraries.longs().map(Value.Int::new),
        Arbitraries.doubles().map(Value.Float::new),
        Arbitraries.of(true, false).map(Value.Bool::new));
  }

  private static NodeId id(int fill) {
    byte[] b = new byte[NodeId.BYTES];
    java.util.Arrays.fill(b, (byte) fill);
    return NodeId.of(b);
  }
}
