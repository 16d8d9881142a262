package io.kadscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import io.kadscope.testing.RandomCase;
import io.kadscope.testing.RandomCases;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties over seeded random inputs: records round-trip; no input makes the decoder throw
 * anything but ours. Each case's seed is in its name (see {@link RandomCase}).
 */
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

  static Stream<RandomCase> messages() {
    return RandomCase.cases(0x3e55a9eL, 500);
  }

  static Stream<RandomCase> randomBodies() {
    return RandomCase.cases(0xb0d1e5L, 2000);
  }

  static Stream<RandomCase> mutations() {
    return RandomCase.cases(0x3717a7eL, 3000);
  }

  @RandomCases
  @MethodSource("messages")
  void request_roundTrips(RandomCase c) {
    Random r = c.random();
    Request request = request(r);
    MessageId msgId = MessageId.of(bytes(r, MessageId.BYTES));

    byte[] bytes = ReferenceDatagramsTest.bytes(codec.encodeRequest(msgId, request));

    assertThat(codec.decode(bytes)).isEqualTo(new Datagram.OfRequest(msgId, request));
  }

  @RandomCases
  @MethodSource("messages")
  void response_roundTrips(RandomCase c) {
    Random r = c.random();
    Response response = response(r);
    MessageId msgId = MessageId.of(bytes(r, MessageId.BYTES));

    byte[] bytes = ReferenceDatagramsTest.bytes(codec.encodeResponse(msgId, response));
    Datagram d = codec.decode(bytes);

    assertThat(d.id()).isEqualTo(msgId);
    assertThat(codec.decodeResponse(answered(response), ((Datagram.OfResponse) d).body()))
        .isEqualTo(response);
  }

  @RandomCases
  @MethodSource("randomBodies")
  void randomBytes_failOnlyWithWireFormatException(RandomCase c) {
    Random r = c.random();
    byte[] body = bytes(r, r.nextInt(301));
    byte[] asRequest = new byte[body.length + 21];
    System.arraycopy(body, 0, asRequest, 21, body.length);
    decodeEverywayCatchingOnlyOurs(asRequest);
    asRequest[0] = WireCodec.KIND_RESPONSE;
    decodeEverywayCatchingOnlyOurs(asRequest);
    decodeEverywayCatchingOnlyOurs(body);
  }

  @RandomCases
  @MethodSource("mutations")
  void mutatedReferenceDatagrams_failOnlyWithWireFormatException(RandomCase c) {
    Random r = c.random();
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
        case 2 -> b = Arrays.copyOf(b, at); // truncated
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

  private static Request request(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> new Request.Ping(id(r));
      case 1 -> new Request.Store(id(r), id(r), value(r));
      case 2 -> new Request.FindNode(id(r), id(r));
      case 3 -> new Request.FindValue(id(r), id(r));
      default -> new Request.Stun();
    };
  }

  private static Response response(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> new Response.PingReply(id(r));
      case 1 -> new Response.StoreReply(r.nextBoolean());
      case 2 -> {
        List<Contact> contacts = new ArrayList<>();
        for (int i = r.nextInt(26); i > 0; i--) {
          contacts.add(new Contact(id(r), new InetSocketAddress(address(r), port(r))));
        }
        yield new Response.Nodes(contacts);
      }
      case 3 -> new Response.FoundValue(value(r));
      default -> new Response.StunReply(address(r).getHostAddress(), port(r));
    };
  }

  private static NodeId id(Random r) {
    return NodeId.of(bytes(r, NodeId.BYTES));
  }

  private static int port(Random r) {
    return r.nextInt(8) == 0 ? (r.nextBoolean() ? 1 : 65535) : 1 + r.nextInt(65535);
  }

  private static InetAddress address(Random r) {
    try {
      return InetAddress.getByAddress(bytes(r, r.nextBoolean() ? 4 : 16));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sizes up to 300, and one time in eight empty or at the msgpack boundaries below it. */
  private static int size(Random r) {
    int[] edges = {0, 1, 31, 32, 255, 256};
    return r.nextInt(8) == 0 ? edges[r.nextInt(edges.length)] : r.nextInt(301);
  }

  private static Value value(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> Value.of(text(r, size(r)));
      case 1 -> new Value.Bin(bytes(r, size(r)));
      case 2 -> new Value.Int(integer(r));
      case 3 -> new Value.Float(real(r));
      default -> new Value.Bool(r.nextBoolean());
    };
  }

  /** Text of UTF-16 units outside the surrogates: any character of the Basic Multilingual Plane. */
  private static String text(Random r, int length) {
    char[] chars = new char[length];
    int ascii = r.nextInt(3); // one text in three is plain ASCII
    for (int i = 0; i < length; i++) {
      int c = ascii == 0 ? r.nextInt(0x80) : r.nextInt(0xd800 + 0x2000);
      chars[i] = (char) (c < 0xd800 ? c : c + 0x800);
    }
    return new String(chars);
  }

  /** Any long, and one time in four an edge of a msgpack integer encoding. */
  private static long integer(Random r) {
    long[] edges = {
      0,
      1,
      -1,
      127,
      128,
      -32,
      -33,
      255,
      256,
      -128,
      -129,
      65535,
      65536,
      -32768,
      -32769,
      Integer.MAX_VALUE,
      Integer.MIN_VALUE,
      0xffff_ffffL,
      0x1_0000_0000L,
      Long.MAX_VALUE,
      Long.MIN_VALUE
    };
    return r.nextInt(4) == 0 ? edges[r.nextInt(edges.length)] : r.nextLong();
  }

  /** Any double from random bits, and one time in four an edge: zeros, infinities, NaN, limits. */
  private static double real(Random r) {
    double[] edges = {
      0.0,
      -0.0,
      1.0,
      0.1,
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.MAX_VALUE,
      Double.MIN_VALUE,
      Double.MIN_NORMAL,
      Float.MAX_VALUE
    };
    return r.nextInt(4) == 0
        ? edges[r.nextInt(edges.length)]
        : Double.longBitsToDouble(r.nextLong());
  }

  private static byte[] bytes(Random r, int length) {
    byte[] b = new byte[length];
    r.nextBytes(b);
    return b;
  }

  private static NodeId id(int fill) {
    byte[] b = new byte[NodeId.BYTES];
    Arrays.fill(b, (byte) fill);
    return NodeId.of(b);
  }
}
