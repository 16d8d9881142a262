package io.kadscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.rpc.Response;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hot path of a busy node, answering find_node, makes little garbage. */
class WireCodecAllocationTest {

  @Test
  void encodeResponse_ofTwentyContacts_allocatesUnder400BytesOnceWarm() throws Exception {
    Random random = new Random(3);
    List<Contact> contacts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      InetAddress ip = InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) i});
      contacts.add(new Contact(NodeId.random(random), new InetSocketAddress(ip, 7123 + i)));
    }
    Response.Nodes nodes = new Response.Nodes(contacts);
    MessageId id = MessageId.fromHex("ab".repeat(20));
    WireCodec codec = new WireCodec();
    for (int i = 0; i < 20_000; i++) {
      codec.encodeResponse(id, nodes);
    }

    long before = allocatedByThisThread();
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      codec.encodeResponse(id, nodes);
    }
    long perAnswer = (allocatedByThisThread() - before) / n;

    // Formatting each address anew cost ~1.9 kB per answer; the codec keeps the text instead.
    assertThat(perAnswer).isLessThan(400);
  }

  private static long allocatedByThisThread() {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    return mx.getThreadAllocatedBytes(Thread.currentThread().getId());
  }
}
