import io.kadscope.engine.KademliaNode;
import io.kadscope.transport.UdpNodeFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * N KadScope nodes on 127.0.0.1:BASE..BASE+N-1 in one JVM, joined to each other, for
 * scripts/measure-peer-rss.sh: a network for one measured peer to join, without N JVMs.
 * Run with the jar on the class path: java -cp target/kadscope.jar scripts/LoopbackPeers.java N BASE
 * Prints "ready N" when all have joined, and runs until its standard input closes.
 */
public class LoopbackPeers {
  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    int base = Integer.parseInt(args[1]);
    InetAddress lo = InetAddress.getLoopbackAddress();
    try (UdpNodeFactory factory = new UdpNodeFactory()) {
      List<KademliaNode> nodes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        KademliaNode node = factory.create(new InetSocketAddress(lo, base + i));
        node.start();
        nodes.add(node);
      }
      InetSocketAddress first = new InetSocketAddress(lo, base);
      List<CompletableFuture<Integer>> joins = new ArrayList<>();
      for (int i = 1; i < n; i++) {
        joins.add(nodes.get(i).bootstrap(List.of(first)));
      }
      CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).join();
      System.out.println("ready " + n);
      System.out.flush();
      while (System.in.read() >= 0) {
        // runs until stdin closes
      }
      nodes.forEach(KademliaNode::stop);
    }
  }
}
