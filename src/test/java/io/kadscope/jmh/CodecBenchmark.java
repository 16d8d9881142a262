package io.kadscope.jmh;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import io.kadscope.wire.Datagram;
import io.kadscope.wire.MessageId;
import io.kadscope.wire.WireCodec;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Nanoseconds to encode and decode one rpcudp message with the msgpack codec. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
  private final WireCodec codec = new WireCodec();
  private MessageId id;
  private Request.FindNode findNode;
  private Request.Store store;
  private Response.Nodes nodes;
  private byte[] findNodeBytes;
  private byte[] storeBytes;
  private byte[] nodesBytes;

  @Setup
  public void setUp() {
    Random r = new Random(1);
    byte[] idBytes = new byte[MessageId.BYTES];
    r.nextBytes(idBytes);
    id = MessageId.of(idBytes);
    NodeId self = NodeId.random(r);
    findNode = new Request.FindNode(self, NodeId.random(r));
    store = new Request.Store(self, NodeId.ofKey("key-1"), Value.of("v-key-1"));
    List<Contact> twenty = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      twenty.add(new Contact(NodeId.random(r), new InetSocketAddress("10.0.0." + (i + 1), 7123)));
    }
    nodes = new Response.Nodes(twenty);
    findNodeBytes = copy(codec.encodeRequest(id, findNode));
    storeBytes = copy(codec.encodeRequest(id, store));
    nodesBytes = copy(codec.encodeResponse(id, nodes));
  }

  private static byte[] copy(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  /** A find_node request, 66 bytes. */
  @Benchmark
  public ByteBuffer encodeFindNode() {
    return codec.encodeRequest(id, findNode);
  }

  /** The answer to a find_node: 20 contacts. */
  @Benchmark
  public ByteBuffer encodeNodes() {
    return codec.encodeResponse(id, nodes);
  }

  @Benchmark
  public Datagram decodeFindNode() {
    return codec.decode(findNodeBytes);
  }

  @Benchmark
  public Datagram decodeStore() {
    return codec.decode(storeBytes);
  }

  /** A response is decoded in two steps: the envelope, then the body as the request expects it. */
  @Benchmark
  public Response decodeNodes() {
    Datagram.OfResponse d = (Datagram.OfResponse) codec.decode(nodesBytes);
    return codec.decodeResponse(findNode, d.body());
  }
}
