package io.kadscope.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kadscope.engine.Contact;
import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import io.kadscope.engine.guard.Refusal;
import io.kadscope.engine.guard.Refusals;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcStats;
import io.kadscope.engine.store.StoredValue;
import io.kadscope.testing.LogCapture;
import io.kadscope.wire.Datagram;
import io.kadscope.wire.MessageId;
import io.kadscope.wire.WireCodec;
import io.kadscope.wire.WireFormatException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Coverage-guided fuzzing of the whole request path of a real node (Jazzer): a datagram goes in
 * through its UDP port's Netty pipeline, on the port's event loop, through the codec and the
 * request server, and the answer it writes is caught on the way out. The node knows 40 peers and
 * holds 30 values (its peers answer the pings it sends them). For every input:
 *
 * <ul>
 *   <li>nothing escapes: no failure is logged by the port, the pipeline or the handler;
 *   <li>a message the node rejects (malformed, unsolicited, oversized, refused) leaves its store
 *       and routing table as they were, and is not answered;
 *   <li>an answer carries the request's message id and decodes as an answer to that request;
 *   <li>handling it allocates in proportion to its size, whatever lengths or nesting it claims.
 * </ul>
 *
 * <p>{@code mvn verify} replays {@code src/test/resources/.../RequestPathFuzzTestInputs/} (the 40
 * reference datagrams and every crash found); docs/security.md has the command that fuzzes for
 * real.
 */
class RequestPathFuzzTest {
  private static Harness harness;

  @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
  void requestPath(byte[] datagram) throws Exception {
    harness().check(datagram);
  }

  private static synchronized Harness harness() throws Exception {
    if (harness == null) {
      harness = new Harness();
    }
    return harness;
  }

  /** One node on 127.0.0.1 whose port takes datagrams from the test and hands back its writes. */
  static final class Harness {
    private static final long SLACK_BYTES = 256 * 1024;
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    final UdpNodeFactory factory = new UdpNodeFactory();
    final UdpRpcPort port;
    final KademliaNode node;
    final Channel channel;
    final InetSocketAddress sender;
    final Capture capture = new Capture();
    final WireCodec codec = new WireCodec();
    final WireCodec answering = new WireCodec();
    final Map<InetSocketAddress, NodeId> peers = new HashMap<>();
    final LogCapture portLog = LogCapture.of(UdpRpcPort.class);
    final LogCapture pipelineLog = LogCapture.debugOf(UdpChannelHandler.class);

    Harness() throws Exception {
      InetAddress loopback = InetAddress.getByName("127.0.0.1");
      port = factory.openPort(new InetSocketAddress(loopback, 0));
      channel = port.channel();
      channel.pipeline().addLast(capture);
      node =
          KademliaNode.builder()
              .rpcPort(port)
              .scheduler(factory.scheduler())
              .id(NodeId.fromHex("7f".repeat(20)))
              .random(new Random(1))
              .rpcTimeout(Duration.ofSeconds(2))
              .maxKeys(256)
              .build();
      node.start();
      sender = new InetSocketAddress(loopback, 1);
      Random random = new Random(2);
      for (int i = 0; i < 40; i++) {
        InetSocketAddress a = new InetSocketAddress(loopback, 50_000 + i);
        NodeId id = NodeId.random(random);
        peers.put(a, id);
        inject(a, request(random, new Request.Ping(id)));
        settle();
      }
      List<InetSocketAddress> addresses = new ArrayList<>(peers.keySet());
      for (int i = 0; i < 30; i++) {
        InetSocketAddress a = addresses.get(i);
        inject(
            a,
            request(
                random,
                new Request.Store(peers.get(a), NodeId.random(random), Value.of("value " + i))));
      }
      settle();
      assertThat(node.routingSnapshot().size()).isEqualTo(40);
      assertThat(node.storeSnapshot().size()).isEqualTo(30);
    }

    /** Answers what the node sent its peers, and what it sends in turn, until it sends nothing. */
    private void settle() throws Exception {
      for (int round = 0; round < 20; round++) {
        List<Written> out = new ArrayList<>();
        onLoop(
            () -> {
              out.addAll(capture.taken);
              capture.taken.clear();
            });
        if (out.isEmpty()) {
          return;
        }
        answerPeers(out);
      }
    }

    private byte[] request(Random random, Request r) {
      byte[] id = new byte[MessageId.BYTES];
      random.nextBytes(id);
      return RawPeer.bytes(codec.encodeRequest(MessageId.of(id), r));
    }

    /** Delivers {@code data} from {@code from} as the socket would, on the event loop. */
    void inject(InetSocketAddress from, byte[] data) throws Exception {
      onLoop(() -> deliver(from, data));
    }

    private void deliver(InetSocketAddress from, byte[] data) {
      ByteBuf buf = Unpooled.wrappedBuffer(data);
      channel.pipeline().fireChannelRead(new DatagramPacket(buf, port.localAddress(), from));
      channel.pipeline().fireChannelReadComplete();
    }

    private void onLoop(Runnable task) throws Exception {
      channel.eventLoop().submit(task).get(10, TimeUnit.SECONDS);
    }

    void check(byte[] data) throws Exception {
      long[] allocated = new long[1];
      Fingerprint[] before = new Fingerprint[1];
      Fingerprint[] after = new Fingerprint[1];
      RpcStats[] stats = new RpcStats[2];
      Refusals.Counts[] refused = new Refusals.Counts[2];
      List<Written> out = new ArrayList<>();
      List<Written> first = new ArrayList<>();
      portLog.clear();
      pipelineLog.clear();
      onLoop(
          () -> {
            capture.taken.clear();
            before[0] = fingerprint();
            stats[0] = port.stats();
            refused[0] = node.refusals();
            // Three times, the third measured: the first may change the state (a value stored
            // is only refreshed after), and a new path may load (and instrument) classes.
            deliver(sender, data);
            first.addAll(capture.taken);
            capture.taken.clear();
            deliver(sender, data);
            first.addAll(capture.taken);
            capture.taken.clear();
            long start = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
            deliver(sender, data);
            allocated[0] = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - start;
            stats[1] = port.stats();
            refused[1] = node.refusals();
            after[0] = fingerprint();
            out.addAll(capture.taken);
            capture.taken.clear();
          });
      answerPeers(first);
      answerPeers(out);

      assertThat(portLog.lines())
          .as("the port logged no failure")
          .noneMatch(l -> l.contains("failed"));
      assertThat(pipelineLog.lines()).as("nothing reached the pipeline's end").isEmpty();
      assertThat(allocated[0])
          .as("bytes allocated handling a datagram of %d bytes", data.length)
          .isLessThanOrEqualTo(SLACK_BYTES + 32L * data.length);
      List<Written> answers = out.stream().filter(w -> w.to.equals(sender)).toList();
      boolean dropped =
          stats[1].dropped() > stats[0].dropped()
              || more(refused, Refusal.OWN_ID_REQUEST)
              || more(refused, Refusal.REQUEST_RATE);
      if (dropped) {
        assertThat(after[0]).as("state after a rejected datagram").isEqualTo(before[0]);
        assertThat(answers).as("answers to a rejected datagram").isEmpty();
        return;
      }
      if (more(refused, Refusal.STORE_KEYS)
          || more(refused, Refusal.STORE_BYTES)
          || more(refused, Refusal.STORE_RATE)) {
        // The sender is a live contact, but what it asked to store is not held.
        assertThat(after[0].values())
            .as("values after a refused store")
            .isEqualTo(before[0].values());
        assertThat(after[0].store())
            .as("values after a refused store")
            .isEqualTo(before[0].store());
        assertThat(answers)
            .singleElement()
            .satisfies(
                a -> assertThat(answerTo(data, a)).isEqualTo(new Response.StoreReply(false)));
        return;
      }
      Datagram in = decodedOrNull(data);
      assertThat(in).as("a datagram not rejected decodes").isNotNull();
      assertThat(in).isInstanceOf(Datagram.OfRequest.class);
      Request request = ((Datagram.OfRequest) in).request();
      assertThat(answers).as("a request the node takes is answered once").hasSize(1);
      Datagram reply = codec.decode(answers.get(0).bytes);
      assertThat(reply).isInstanceOf(Datagram.OfResponse.class);
      assertThat(reply.id()).isEqualTo(in.id());
      Response r = codec.decodeResponse(request, ((Datagram.OfResponse) reply).body());
      assertThat(request.kind().isAnsweredBy(r)).as("%s answered by %s", request, r).isTrue();
    }

    private static boolean more(Refusals.Counts[] counts, Refusal kind) {
      return counts[1].of(kind) > counts[0].of(kind);
    }

    /** The answer written, decoded as the answer to the request in {@code data}. */
    private Response answerTo(byte[] data, Written w) {
      Datagram.OfRequest q = (Datagram.OfRequest) codec.decode(data);
      Datagram.OfResponse r = (Datagram.OfResponse) codec.decode(w.bytes);
      assertThat(r.id()).isEqualTo(q.id());
      return codec.decodeResponse(q.request(), r.body());
    }

    private Datagram decodedOrNull(byte[] data) {
      try {
        return codec.decode(data);
      } catch (WireFormatException e) {
        return null;
      }
    }

    /** The node's peers answer what it sent them, as live peers would. */
    private void answerPeers(List<Written> out) throws Exception {
      for (Written w : out) {
        NodeId peer = peers.get(w.to);
        if (peer == null) {
          continue;
        }
        Datagram d = codec.decode(w.bytes);
        if (!(d instanceof Datagram.OfRequest q)) {
          continue;
        }
        Response r =
            switch (q.request().kind()) {
              case PING -> new Response.PingReply(peer);
              case STORE -> new Response.StoreReply(true);
              case FIND_NODE, FIND_VALUE -> new Response.Nodes(List.of());
              case STUN -> new Response.StunReply("127.0.0.1", 7123);
              // rpcudp has none of the BitTorrent DHT's kinds: its node never sends them
              case GET_PEERS, ANNOUNCE_PEER, GET_ITEM, PUT_ITEM ->
                  throw new AssertionError("an rpcudp node sent " + q.request().kind());
            };
        inject(w.to, RawPeer.bytes(answering.encodeResponse(q.id(), r)));
      }
    }

    /** What the node holds and knows, cheaply compared: values by key, contacts with address. */
    private Fingerprint fingerprint() {
      long store = 0;
      int values = 0;
      for (StoredValue v : node.storeSnapshot().values()) {
        store += (long) v.key().hashCode() * 31 + v.value().hashCode();
        values++;
      }
      long routing = 0;
      int contacts = 0;
      for (var b : node.routingSnapshot().buckets()) {
        for (var c : b.contacts()) {
          Contact x = c.contact();
          routing += (long) x.id().hashCode() * 31 + x.address().hashCode();
          contacts++;
        }
      }
      return new Fingerprint(values, store, contacts, routing);
    }
  }

  /** The node's state, as a few numbers. */
  record Fingerprint(int values, long store, int contacts, long routing) {}

  /** A datagram the node wrote. */
  record Written(InetSocketAddress to, byte[] bytes) {}

  /** Takes every datagram the node writes, instead of sending it. */
  static final class Capture extends ChannelOutboundHandlerAdapter {
    final List<Written> taken = new ArrayList<>();

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (msg instanceof DatagramPacket p) {
        ByteBuffer b = p.content().nioBuffer();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        taken.add(new Written(p.recipient(), bytes));
        p.release();
        promise.trySuccess();
      } else {
        ctx.write(msg, promise);
      }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
      // nothing was passed on to flush
    }
  }

  static {
    // Refusals of the node's own id and the like are expected here; their log lines are not.
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(Refusals.class))
        .setLevel(ch.qos.logback.classic.Level.ERROR);
  }
}
