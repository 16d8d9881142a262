package io.kadscope.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.Contact;
import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcStats;
import io.kadscope.wire.MessageId;
import io.kadscope.wire.WireCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A real node survives thousands of hostile datagrams: it drops and counts every one, answers none,
 * keeps its data, and still answers a ping from another node afterwards.
 */
class FloodRobustnessTest {
  private static final InetSocketAddress ANY_LOOPBACK =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  private static final String BIN20 = "c414" + "0b".repeat(20);
  private static final String STORE = "a573746f7265";

  private final Random random = new Random(20240611);
  private final List<byte[]> malformed = new ArrayList<>();
  private final List<byte[]> unsolicited = new ArrayList<>();
  private final List<byte[]> oversized = new ArrayList<>();

  @Test
  void node_survivesAFloodOfMalformedDatagramsAndStillAnswers() throws Exception {
    try (UdpNodeFactory factory = new UdpNodeFactory();
        KademliaNode victim = factory.create(ANY_LOOPBACK, b -> b.id(id("aa")));
        KademliaNode other = factory.create(ANY_LOOPBACK, b -> b.id(id("bb")));
        RawPeer flooder = new RawPeer()) {
      victim.start();
      other.start();
      NodeId greeting = NodeId.ofKey("greeting");
      victim.set("greeting", Value.of("hello world")).get(5, TimeUnit.SECONDS);
      buildFlood(greeting);
      List<byte[]> flood = shuffled();
      assertThat(flood).hasSizeGreaterThan(3000);

      send(flooder, flood, victim.address());

      RpcStats stats = victim.rpcStats();
      assertThat(stats.malformed()).isEqualTo(malformed.size());
      assertThat(stats.unsolicited()).isEqualTo(unsolicited.size());
      assertThat(stats.oversized()).isEqualTo(oversized.size());
      assertThat(victim.routingSnapshot().size()).as("no flood sender became a contact").isZero();
      assertThat(victim.localValue(greeting)).contains(Value.of("hello world"));
      assertThat(victim.storeSnapshot().size()).isEqualTo(1);

      Optional<NodeId> pong = other.ping(victim.address()).get(5, TimeUnit.SECONDS);

      assertThat(pong).contains(victim.id());
      assertThat(victim.localValue(greeting)).contains(Value.of("hello world"));
    }
  }

  /**
   * Sends the flood in batches small enough for the socket's receive buffer, and after each batch
   * waits for the node to answer a stun: it then has handled the batch, and answered none of it.
   */
  private static void send(RawPeer flooder, List<byte[]> flood, InetSocketAddress to) {
    int bytes = 0;
    int count = 0;
    for (byte[] d : flood) {
      flooder.send(d, to);
      bytes += d.length + 512;
      if (++count == 64 || bytes > 48 * 1024) {
        flooder.sync(to);
        bytes = 0;
        count = 0;
      }
    }
    flooder.sync(to);
  }

  private void buildFlood(NodeId greeting) throws IOException {
    List<byte[]> reference = referenceDatagrams();
    // Random bytes of every short length, never starting with the response kind.
    for (int i = 0; i < 1000; i++) {
      byte[] b = new byte[random.nextInt(200)];
      random.nextBytes(b);
      if (b.length > 0 && b[0] == WireCodec.KIND_RESPONSE) {
        b[0] = 0x00;
      }
      malformed.add(b);
    }
    // Every truncation of every recorded datagram: a cut request is malformed; a cut response of
    // 22 bytes or more still has its header, so it is a response nobody asked for.
    for (byte[] d : reference) {
      for (int len = 0; len < d.length; len++) {
        byte[] cut = Arrays.copyOf(d, len);
        boolean response = len >= WireCodec.MIN_DATAGRAM_BYTES && d[0] == WireCodec.KIND_RESPONSE;
        (response ? unsolicited : malformed).add(cut);
      }
    }
    // Wrong types and shapes.
    String[] bodies = {
      "c0",
      "2a",
      "90",
      "91a470696e67",
      "92a470696e6791c413" + "0b".repeat(19),
      "92a470696e6792" + BIN20 + BIN20,
      "92a470696e6791a3616263",
      "92c404" + "70696e67" + "91" + BIN20,
      "92a470696e6781a13191",
      "92aa66696e645f6e6f64657391" + BIN20,
      "92a966696e645f6e6f646592" + BIN20 + "a3616263",
      "92a47374756e91c0",
      "92a470696e6791" + BIN20 + "c0",
      "c1",
      "d40100"
    };
    addRequests(bodies, 10);
    // Huge claimed lengths, at the top and deep inside.
    String[] huge = {
      "ddffffffff",
      "dfffffffff",
      "dbffffffff",
      "c6ffffffff",
      "dcffff",
      "92" + STORE + "93" + BIN20 + BIN20 + "db7fffffff616263",
      "92" + STORE + "93" + BIN20 + BIN20 + "c6ffffffff00",
      "92" + STORE + "dd7fffffff" + BIN20,
      "92da7fffffff" + "70696e67"
    };
    addRequests(huge, 10);
    // Deep nesting, at the top and as a stored value.
    addRequests(new String[] {"91".repeat(8000), "81a1" + "31".repeat(1) + "91".repeat(4000)}, 5);
    addRequests(
        new String[] {
          "92" + STORE + "93" + BIN20 + "c414" + greeting.toHex() + "91".repeat(5000) + "c0"
        },
        5);
    // Store requests with bad arguments, several aimed at the stored key.
    String key = "c414" + greeting.toHex();
    String[] badStores = {
      "92" + STORE + "93" + BIN20 + key + "c0",
      "92" + STORE + "93" + BIN20 + key + "91a178",
      "92" + STORE + "93" + BIN20 + key + "81a178a179",
      "92" + STORE + "93" + BIN20 + key + "d40100",
      "92" + STORE + "93" + BIN20 + key + "cf" + "ff".repeat(8),
      "92" + STORE + "93" + BIN20 + key + "a2c328",
      "92" + STORE + "92" + BIN20 + key,
      "92" + STORE + "94" + BIN20 + key + "a178a179",
      "92" + STORE + "93a3616263" + key + "a178",
      "92" + STORE + "93" + BIN20 + "c415" + "00" + greeting.toHex() + "a178",
      "92" + STORE + "93" + BIN20 + key + "a3" + hex("evil") + "c0"
    };
    addRequests(badStores, 20);
    // Answers to questions never asked.
    WireCodec codec = new WireCodec();
    for (int i = 0; i < 500; i++) {
      Response r =
          i % 2 == 0
              ? new Response.PingReply(id("cc"))
              : new Response.Nodes(
                  List.of(new Contact(id("dd"), new InetSocketAddress("127.0.0.1", 9))));
      unsolicited.add(RawPeer.bytes(codec.encodeResponse(randomId(), r)));
    }
    // Larger than any body may be.
    for (int i = 0; i < 20; i++) {
      byte[] b = new byte[WireCodec.MAX_DATAGRAM_BYTES + 1 + random.nextInt(50_000)];
      random.nextBytes(b);
      oversized.add(b);
    }
  }

  private void addRequests(String[] bodies, int copies) {
    for (String body : bodies) {
      for (int i = 0; i < copies; i++) {
        byte[] id = randomId().toBytes();
        byte[] b = HexFormat.of().parseHex("00" + HexFormat.of().formatHex(id) + body);
        malformed.add(b);
      }
    }
  }

  private List<byte[]> shuffled() {
    List<byte[]> all = new ArrayList<>(malformed);
    all.addAll(unsolicited);
    all.addAll(oversized);
    Collections.shuffle(all, random);
    return all;
  }

  private MessageId randomId() {
    byte[] b = new byte[MessageId.BYTES];
    random.nextBytes(b);
    return MessageId.of(b);
  }

  private static List<byte[]> referenceDatagrams() throws IOException {
    String json;
    try (InputStream in =
        FloodRobustnessTest.class.getResourceAsStream("/protocol/reference-datagrams.json")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      json = out.toString(StandardCharsets.UTF_8);
    }
    List<byte[]> out = new ArrayList<>();
    Matcher m = Pattern.compile("\"hex\": \"([0-9a-f]+)\"").matcher(json);
    while (m.find()) {
      out.add(HexFormat.of().parseHex(m.group(1)));
    }
    assertThat(out).hasSize(40);
    return out;
  }

  private static String hex(String ascii) {
    return HexFormat.of().formatHex(ascii.getBytes(StandardCharsets.US_ASCII));
  }

  private static NodeId id(String byteHex) {
    return NodeId.fromHex(byteHex.repeat(20));
  }
}
