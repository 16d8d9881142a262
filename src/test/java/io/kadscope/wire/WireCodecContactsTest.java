package io.kadscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * The contacts of a {@code find_node} answer, which the codec lays out itself: the same bytes as
 * msgpack-core's packer writes for {@code [id, host, port]}, for every kind of host and port width.
 */
class WireCodecContactsTest {
  private final WireCodec codec = new WireCodec();
  private final Random random = new Random(20261202);

  @Test
  void contacts_areTheBytesThePackerWrites_forEveryPortWidthAndHost() throws Exception {
    List<Contact> contacts = new ArrayList<>();
    for (int port : new int[] {0, 1, 127, 128, 255, 256, 7123, 65535}) {
      contacts.add(contact("127.0.0.1", port));
    }
    contacts.add(contact("10.200.30.4", 40000));
    contacts.add(contact("::1", 7123));
    // the longest IPv6 literal, 39 characters, and an IPv4-mapped one Java prints as IPv4
    contacts.add(contact("fe80:abcd:ef01:2345:6789:abcd:ef01:2345", 1024));
    contacts.add(contact("::ffff:192.168.1.1", 80));
    // an unresolved host name, longer than any IP literal
    contacts.add(
        new Contact(id(), InetSocketAddress.createUnresolved("peer-" + "x".repeat(200), 7123)));

    for (int n : new int[] {0, 1, 5, contacts.size()}) {
      List<Contact> some = contacts.subList(0, n);
      byte[] bytes = encode(some);

      byte[] expected = packed(some);
      assertThat(Arrays.copyOfRange(bytes, bytes.length - expected.length, bytes.length))
          .as("the last %d bytes, the list of %d contacts", expected.length, n)
          .isEqualTo(expected);
    }
  }

  @Test
  void contacts_decodeBackToThemselves_fromTheSameCodecAfterAHostCacheHit() throws Exception {
    List<Contact> contacts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      contacts.add(contact(i % 2 == 0 ? "127.0.0.1" : "fd00::" + i, 1 + random.nextInt(65535)));
    }
    for (int round = 0; round < 2; round++) { // the second from the codec's cached host strings
      byte[] bytes = encode(contacts);
      Response back =
          codec.decodeResponse(
              new Request.FindNode(id(), id()), ((Datagram.OfResponse) codec.decode(bytes)).body());
      assertThat(((Response.Nodes) back).contacts()).isEqualTo(contacts);
    }
  }

  private byte[] encode(List<Contact> contacts) {
    return ReferenceDatagramsTest.bytes(
        codec.encodeResponse(MessageId.fromHex("ab".repeat(20)), new Response.Nodes(contacts)));
  }

  /** The list as msgpack-core's packer writes it, call by call. */
  private static byte[] packed(List<Contact> contacts) throws IOException {
    try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
      p.packArrayHeader(contacts.size());
      for (Contact c : contacts) {
        p.packArrayHeader(3);
        p.packBinaryHeader(NodeId.BYTES);
        p.writePayload(c.id().toBytes());
        byte[] host = c.host().getBytes(StandardCharsets.UTF_8);
        p.packRawStringHeader(host.length);
        p.writePayload(host);
        p.packInt(c.port());
      }
      return p.toByteArray();
    }
  }

  private Contact contact(String ip, int port) throws IOException {
    return new Contact(id(), new InetSocketAddress(InetAddress.getByName(ip), port));
  }

  private NodeId id() {
    return NodeId.random(random);
  }
}
