package io.kadscope.engine.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import io.kadscope.engine.VirtualScheduler;
import io.kadscope.engine.routing.RoutingTable;
import io.kadscope.engine.rpc.Response;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The lookup against a fake network: every node's answers come from a real routing table. */
class LookupTest {
  private static final int K = 20;
  private final VirtualScheduler time = new VirtualScheduler();
  private final Random random = new Random(42);

  /** A network of {@code n} nodes where every node has seen every other. */
  private Map<NodeId, RoutingTable> network(int n) {
    List<Contact> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(new Contact(NodeId.random(random), new InetSocketAddress("10.0.0.1", 1000 + i)));
    }
    Map<NodeId, RoutingTable> tables = new HashMap<>();
    for (Contact c : all) {
      RoutingTable t = new RoutingTable(c.id(), K, 3, 5, time.clock(), e -> {});
      for (Contact other : all) {
        t.seen(other, null);
      }
      tables.put(c.id(), t);
    }
    return tables;
  }

  private Lookup lookup(
      LookupKind kind, NodeId target, RoutingTable from, Lookup.Querier querier, int alpha) {
    return new Lookup(
        1,
        kind,
        target,
        from.self(),
        K,
        alpha,
        from.closest(target, K, null),
        querier,
        Lookup.Observer.NO_OP,
        time.clock());
  }

  @Test
  void nodeLookup_findsTheTrueKClosest() {
    Map<NodeId, RoutingTable> net = network(400);
    List<NodeId> ids = new ArrayList<>(net.keySet());
    for (int trial = 0; trial < 20; trial++) {
      RoutingTable from = net.get(ids.get(random.nextInt(ids.size())));
      NodeId target = NodeId.random(random);
      Lookup.Querier answerFromTables =
          to ->
              CompletableFuture.completedFuture(
                  new Response.Nodes(net.get(to.id()).closest(target, K, from.self())));
      LookupResult r = lookup(LookupKind.NODE, target, from, answerFromTables, 3).run().join();
      List<NodeId> truth =
          ids.stream()
              .filter(id -> !id.equals(from.self()))
              .sorted(target::compareDistance)
              .limit(K)
              .toList();
      assertThat(r.closest()).extracting(Contact::id).containsExactlyElementsOf(truth);
      assertThat(r.rounds()).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void keepsAlphaRequestsInFlight_andSendsTheNextAsSoonAsOneAnswers() {
    Map<NodeId, RoutingTable> net = network(100);
    RoutingTable from = net.values().iterator().next();
    NodeId target = NodeId.random(random);
    List<CompletableFuture<Response>> pending = new ArrayList<>();
    Lookup.Querier hold =
        to -> {
          CompletableFuture<Response> f = new CompletableFuture<>();
          pending.add(f);
          return f;
        };
    CompletableFuture<LookupResult> done = lookup(LookupKind.NODE, target, from, hold, 3).run();
    assertThat(pending).hasSize(3);
    pending.get(1).complete(new Response.Nodes(List.of()));
    assertThat(pending).as("a fourth request right away, not after the round").hasSize(4);
    assertThat(pending.get(0)).isNotDone();
    assertThat(pending.get(2)).isNotDone();
    assertThat(done).isNotDone();
  }

  @Test
  void failedContactsAreLeftOut_andTheLookupStillEnds() {
    Map<NodeId, RoutingTable> net = network(60);
    RoutingTable from = net.values().iterator().next();
    NodeId target = NodeId.random(random);
    List<NodeId> dead = from.closest(target, 5, null).stream().map(Contact::id).toList();
    Lookup.Querier someDead =
        to ->
            dead.contains(to.id())
                ? CompletableFuture.failedFuture(new RuntimeException("timeout"))
                : CompletableFuture.completedFuture(
                    new Response.Nodes(net.get(to.id()).closest(target, K, from.self())));
    LookupResult r = lookup(LookupKind.NODE, target, from, someDead, 3).run().join();
    // Everyone answers with the same k closest, 5 of which are dead: the 15 live ones remain.
    List<NodeId> liveTruth =
        net.keySet().stream()
            .filter(id -> !id.equals(from.self()) && !dead.contains(id))
            .sorted(target::compareDistance)
            .limit(K - dead.size())
            .toList();
    assertThat(r.closest()).extracting(Contact::id).doesNotContainAnyElementsOf(dead);
    assertThat(r.closest()).extracting(Contact::id).containsAll(liveTruth);
  }

  @Test
  void valueLookup_stopsAtTheFirstValue_andNamesTheClosestNodeWithoutIt() {
    Map<NodeId, RoutingTable> net = network(200);
    List<NodeId> ids = new ArrayList<>(net.keySet());
    NodeId key = NodeId.random(random);
    RoutingTable from = net.get(ids.get(0));
    NodeId holder =
        ids.stream().filter(id -> !id.equals(from.self())).min(key::compareDistance).get();
    List<NodeId> asked = new ArrayList<>();
    Lookup.Querier q =
        to -> {
          asked.add(to.id());
          return CompletableFuture.completedFuture(
              to.id().equals(holder)
                  ? new Response.FoundValue(Value.of("v"))
                  : new Response.Nodes(net.get(to.id()).closest(key, K, from.self())));
        };
    Lookup l = lookup(LookupKind.VALUE, key, from, q, 3);
    LookupResult r = l.run().join();
    assertThat(r.value()).contains(Value.of("v"));
    assertThat(r.holder()).map(Contact::id).contains(holder);
    Optional<Contact> cacheAt = l.closestWithoutValue();
    assertThat(cacheAt).isPresent();
    assertThat(cacheAt.get().id()).isNotEqualTo(holder).isIn(asked);
    assertThat(asked).as("nothing sent after the value came back").hasSizeLessThanOrEqualTo(3);
  }

  @Test
  void noContacts_endsAtOnceWithNothing() {
    RoutingTable lonely = new RoutingTable(NodeId.random(random), K, 3, 5, time.clock(), e -> {});
    LookupResult r =
        lookup(LookupKind.NODE, NodeId.random(random), lonely, to -> null, 3).run().join();
    assertThat(r.closest()).isEmpty();
    assertThat(r.rpcs()).isZero();
  }
}
