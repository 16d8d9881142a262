package io.kadscope.gui.session;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values a local network starts with: one of each type, under keys chosen so that the window's
 * own node is not among the k closest to any of them; its first {@code get} must then ask the
 * network, and the lookup view has something to show.
 */
public final class SeedValues {
  /** Candidate keys in order of preference, with their values. */
  private static final Map<String, Value> CANDIDATES = new LinkedHashMap<>();

  static {
    CANDIDATES.put("greeting", Value.of("hello world"));
    CANDIDATES.put("answer", new Value.Int(42));
    CANDIDATES.put("pi", new Value.Float(3.14159));
    CANDIDATES.put("kademlia", Value.of("Maymounkov & Mazières, 2002"));
    CANDIDATES.put("open", new Value.Bool(true));
    CANDIDATES.put("magic", new Value.Bin(HexFormat.of().parseHex("cafebabe")));
    CANDIDATES.put("course", Value.of("distributed systems"));
    CANDIDATES.put("xor", Value.of("distance is the bitwise exclusive or"));
    CANDIDATES.put("alpha", new Value.Int(3));
    CANDIDATES.put("k", new Value.Int(20));
    CANDIDATES.put("motto", Value.of("every lookup converges"));
    CANDIDATES.put("port", new Value.Int(7123));
    CANDIDATES.put("hello", Value.of("world"));
    CANDIDATES.put("e", new Value.Float(2.71828));
    CANDIDATES.put("ready", new Value.Bool(false));
    CANDIDATES.put("bytes", new Value.Bin(HexFormat.of().parseHex("00ff10ee")));
    CANDIDATES.put("lecture", Value.of("week 7: peer-to-peer lookups"));
    CANDIDATES.put("bucket", Value.of("least recently seen first"));
    CANDIDATES.put("tau", new Value.Float(6.28318));
    CANDIDATES.put("online", new Value.Bool(true));
    CANDIDATES.put("year", new Value.Int(2002));
    CANDIDATES.put("salt", new Value.Bin(HexFormat.of().parseHex("5a17")));
    CANDIDATES.put("paper", Value.of("A Peer-to-peer Information System Based on the XOR Metric"));
    CANDIDATES.put("node", Value.of("a participant with a 160-bit id"));
    CANDIDATES.put("timeout", new Value.Int(5));
    CANDIDATES.put("lucky", new Value.Int(7));
    CANDIDATES.put("sqrt2", new Value.Float(1.41421));
    CANDIDATES.put("quiet", new Value.Bool(false));
    CANDIDATES.put("deadbeef", new Value.Bin(HexFormat.of().parseHex("deadbeef")));
    CANDIDATES.put("welcome", Value.of("to the DHT"));
    CANDIDATES.put("replicas", new Value.Int(20));
    CANDIDATES.put("ping", Value.of("pong"));
  }

  private SeedValues() {}

  /** A value to seed under a key. */
  public record Seed(String key, Value value) {}

  /**
   * Up to {@code count} seeds, in order of preference, whose keys are not among {@code skip} and
   * are not held by {@code self}: at least {@code k} ids of {@code network} (which includes {@code
   * self}) are closer to the key, so the window's node has to ask the network for them.
   */
  public static List<Seed> choose(
      int count, NodeId self, Collection<NodeId> network, int k, Collection<String> skip) {
    List<Seed> out = new ArrayList<>();
    for (var e : CANDIDATES.entrySet()) {
      if (out.size() == count) {
        break;
      }
      NodeId key = NodeId.ofKey(e.getKey());
      if (!skip.contains(e.getKey()) && !closest(key, network, k).contains(self)) {
        out.add(new Seed(e.getKey(), e.getValue()));
      }
    }
    return List.copyOf(out);
  }

  private static List<NodeId> closest(NodeId key, Collection<NodeId> ids, int k) {
    return ids.stream().sorted((a, b) -> key.compareDistance(a, b)).limit(k).toList();
  }
}
