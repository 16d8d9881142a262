package io.kadscope.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.rpc.RpcStats;
import io.kadscope.krpc.ErrorCode;
import io.kadscope.krpc.Id160;
import io.kadscope.krpc.KrpcCodec;
import io.kadscope.krpc.KrpcError;
import io.kadscope.krpc.KrpcQuery;
import io.kadscope.krpc.KrpcResponse;
import io.kadscope.krpc.LibtorrentDatagrams;
import io.kadscope.krpc.Query;
import io.kadscope.krpc.Reply;
import io.kadscope.krpc.TransactionId;
import io.kadscope.mainline.node.MainlineNode;
import io.kadscope.mainline.node.Results;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A Mainline node on real UDP survives thousands of hostile KRPC datagrams: it drops and counts
 * every one, answers none, keeps no sender as a contact, keeps what it holds, and still answers
 * another node afterwards.
 */
class KrpcFloodRobustnessTest {
  private static final InetSocketAddress LOOPBACK =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  private final Random random = new Random(20240612);
  private final List<byte[]> malformed = new ArrayList<>();
  private final List<byte[]> unsolicited = new ArrayList<>();
  private final List<byte[]> oversized = new ArrayList<>();

  private static <T> T await(java.util.concurrent.CompletableFuture<T> f) {
    return f.orTimeout(10, TimeUnit.SECONDS).join();
  }

  @Test
  void aMainlineNode_survivesAFloodOfHostileDatagrams_andStillAnswers() {
    try (KrpcNetwork network = new KrpcNetwork(UdpTransport.best(), 1, 500)) {
      MainlineNode victim = node(network);
      MainlineNode other = node(network);
      await(other.join(List.of(victim.address())));
      Results.ItemPut put = await(other.putText("kept through the flood"));
      assertThat(victim.itemsHeld()).isEqualTo(1);
      RpcStats before = victim.engine().rpcStats();
      try (RawKrpcPeer flooder = new RawKrpcPeer(NodeId.random(random))) {
        build(victim.id());
        List<byte[]> flood = shuffled();
        assertThat(flood).hasSizeGreaterThan(3000);

        send(flooder, flood, victim.address());

        RpcStats stats = victim.engine().rpcStats();
        assertThat(stats.malformed() - before.malformed()).isEqualTo(malformed.size());
        assertThat(stats.unsolicited() - before.unsolicited()).isEqualTo(unsolicited.size());
        assertThat(stats.oversized() - before.oversized()).isEqualTo(oversized.size());
        assertThat(victim.engine().routingSnapshot().contacts())
            .as("no flood sender became a contact")
            .allSatisfy(c -> assertThat(c.contact().id()).isEqualTo(other.id()));
      }

      assertThat(await(other.engine().ping(victim.address()))).contains(victim.id());
      assertThat(victim.itemsHeld()).isEqualTo(1);
      assertThat(await(other.get(put.target())).text()).contains("kept through the flood");
      victim.stop();
      other.stop();
    }
  }

  private static MainlineNode node(KrpcNetwork network) {
    MainlineNode n =
        MainlineNode.builder(network).bind(LOOPBACK).rpcTimeout(Duration.ofSeconds(2)).build();
    n.start();
    return n;
  }

  /**
   * Sends the flood in batches small enough for the socket's receive buffer, and after each batch
   * waits for the node to answer a ping: it then has handled the batch, and answered none of it.
   */
  private static void send(RawKrpcPeer flooder, List<byte[]> flood, InetSocketAddress to) {
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

  private void build(NodeId victim) {
    KrpcCodec codec = new KrpcCodec();
    // Random bytes of every short length: never a bencoded dict.
    for (int i = 0; i < 1000; i++) {
      byte[] b = new byte[random.nextInt(200)];
      random.nextBytes(b);
      if (b.length > 0 && b[0] == 'd') {
        b[0] = 'x';
      }
      malformed.add(b);
    }
    // Every truncation of every datagram recorded from libtorrent; the answers whole, which answer
    // nothing this node asked.
    for (LibtorrentDatagrams.Entry e : LibtorrentDatagrams.all()) {
      byte[] d = e.bytes();
      for (int len = 0; len < d.length; len++) {
        malformed.add(Arrays.copyOf(d, len));
      }
      if (!e.isQuery()) {
        unsolicited.add(d);
      }
    }
    // Bencode that is no KRPC message, and huge claimed lengths and nestings.
    String[] shapes = {
      "le",
      "i42e",
      "de",
      "d1:y1:qe",
      "d1:t2:aa1:y1:xe",
      "d1:t0:1:y1:re",
      "d1:t2:aa1:y1:r1:ri1ee",
      "d1:t2:aa1:y1:rl1:ree",
      "d1:t2:aa1:y1:ed2:id20:" + "a".repeat(20) + "ee",
      "d1:t2:aa1:y1:el1:xi1eee",
      "d1:t99999999999:aa1:y1:qe",
      "d1:t2:aa1:y1:qi00ee",
      "l".repeat(1000) + "e".repeat(1000),
      "d1:ad2:id20:" + "a".repeat(20) + "e1:q4:ping1:t2:aa1:y1:qe" + "trailing"
    };
    for (String s : shapes) {
      for (int i = 0; i < 10; i++) {
        malformed.add(s.getBytes(StandardCharsets.ISO_8859_1));
      }
    }
    // Queries that name the victim's own id as their sender: a reflection, not a peer.
    for (int i = 0; i < 50; i++) {
      malformed.add(
          codec.encode(KrpcQuery.of(transaction(), Id160.of(victim.toBytes()), new Query.Ping())));
    }
    // Answers and errors to questions never asked.
    for (int i = 0; i < 500; i++) {
      Id160 someone = Id160.random(new java.util.SplittableRandom(i));
      unsolicited.add(
          i % 3 == 0
              ? codec.encode(KrpcError.of(transaction(), ErrorCode.GENERIC, "no"))
              : codec.encode(
                  KrpcResponse.of(
                      transaction(), someone, i % 3 == 1 ? new Reply.Ping() : new Reply.Put())));
    }
    // Larger than any KRPC datagram may be.
    for (int i = 0; i < 20; i++) {
      byte[] b = new byte[KrpcCodec.MAX_DATAGRAM_BYTES + 1 + random.nextInt(50_000)];
      random.nextBytes(b);
      oversized.add(b);
    }
  }

  private TransactionId transaction() {
    byte[] b = new byte[KrpcRpcPort.TRANSACTION_BYTES];
    random.nextBytes(b);
    return TransactionId.of(b);
  }

  private List<byte[]> shuffled() {
    List<byte[]> all = new ArrayList<>(malformed);
    all.addAll(unsolicited);
    all.addAll(oversized);
    Collections.shuffle(all, random);
    return all;
  }
}
