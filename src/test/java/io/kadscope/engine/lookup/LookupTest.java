package io.kadscope.engine.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import io.kadscope.engine.VirtualScheduler;
import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.routing.RoutingTable;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    LookupSpec spec =
        new LookupSpec(
            1, from.self(), kind, LookupPurpose.GET, target, StopPolicy.AT_FIRST_VALUE, K, alpha);
    return new Lookup(spec, from.closest(target, K, null), querier, e -> {}, time.clock());
  }

  private static CompletableFuture<LookupReply> contacts(List<Contact> contacts) {
    return CompletableFuture.completedFuture(LookupReply.ofContacts(contacts));
  }

  @Test
  void nodeLookup_findsTheTrueKClosest() {
    Map<NodeId, RoutingTable> net = network(400);
    List<NodeId> ids = new ArrayList<>(net.keySet());
    for (int trial = 0; trial < 20; trial++) {
      RoutingTable from = net.get(ids.get(random.nextInt(ids.size())));
      NodeId target = NodeId.random(random);
      Lookup.Querier answerFromTables =
          to -> contacts(net.get(to.id()).closest(target, K, from.self()));
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
    List<CompletableFuture<LookupReply>> pending = new ArrayList<>();
    Lookup.Querier hold =
        to -> {
          CompletableFuture<LookupReply> f = new CompletableFuture<>();
          pending.add(f);
          return f;
        };
    CompletableFuture<LookupResult> done = lookup(LookupKind.NODE, target, from, hold, 3).run();
    assertThat(pending).hasSize(3);
    pending.get(1).complete(LookupReply.ofContacts(List.of()));
    assertThat(pending).as("a fourth request right away, not after the round").hasSize(4);
    assertThat(pending.get(0)).isNotDone();
    assertThat(pending.get(2)).isNotDone();
    assertThat(done).isNotDone();
  }

  @Test
  void aRequestsIteration_isOneMoreThanThatOfTheAnswerThatLetItGo() {
    Map<NodeId, RoutingTable> net = network(100);
    RoutingTable from = net.values().iterator().next();
    NodeId target = NodeId.random(random);
    Held q = new Held();
    List<EngineEvent> events = new ArrayList<>();
    LookupSpec spec =
        new LookupSpec(
            1,
            from.self(),
            LookupKind.NODE,
            LookupPurpose.GET,
            target,
            StopPolicy.AT_FIRST_VALUE,
            K,
            3);
    CompletableFuture<LookupResult> done =
        new Lookup(spec, from.closest(target, K, null), q, events::add, time.clock()).run();
    List<NodeId> first = List.copyOf(q.asked.keySet());
    assertThat(first).hasSize(3);

    q.answer(first.get(1), net, target, from.self());
    NodeId second = q.newest();
    q.answer(second, net, target, from.self());
    NodeId third = q.newest();
    while (!done.isDone()) {
      q.answerOldestPending(net, target, from.self());
    }

    Map<NodeId, Integer> iteration = new HashMap<>();
    for (EngineEvent e : events) {
      if (e instanceof EngineEvent.LookupStep st) {
        iteration.put(st.queried().id(), st.iteration());
      }
    }
    assertThat(first).allSatisfy(id -> assertThat(iteration.get(id)).isEqualTo(1));
    assertThat(iteration.get(second)).isEqualTo(2);
    assertThat(iteration.get(third)).isEqualTo(3);
    LookupResult r = done.join();
    assertThat(r.iterations()).isEqualTo(iteration.values().stream().max(Integer::compare).get());
    EngineEvent.LookupFinished f = (EngineEvent.LookupFinished) events.get(events.size() - 1);
    assertThat(f.iterations()).isEqualTo(r.iterations());
  }

  @Test
  void roundsMode_waitsForTheWholeRound_andAsksAllOfTheKOnceARoundBringsNothingCloser() {
    Map<NodeId, RoutingTable> net = network(100);
    RoutingTable from = net.values().iterator().next();
    NodeId target = NodeId.random(random);
    Held q = new Held();
    LookupSpec spec =
        new LookupSpec(
            1,
            from.self(),
            LookupKind.NODE,
            LookupPurpose.GET,
            target,
            StopPolicy.AT_FIRST_VALUE,
            K,
            3,
            LookupMode.ROUNDS);
    CompletableFuture<LookupResult> done =
        new Lookup(spec, from.closest(target, K, null), q, e -> {}, time.clock()).run();
    List<NodeId> round1 = List.copyOf(q.asked.keySet());
    assertThat(round1).hasSize(3);

    q.answer(round1.get(0), net, target, from.self());
    q.answer(round1.get(1), net, target, from.self());
    assertThat(q.asked).as("the round is not over").hasSize(3);
    // Every node knows every other: the first round brings nothing closer than the node knew.
    q.answer(round1.get(2), net, target, from.self());
    assertThat(q.asked).as("all the k closest at once").hasSize(K);
    while (!done.isDone()) {
      q.answerOldestPending(net, target, from.self());
    }

    LookupResult r = done.join();
    assertThat(r.iterations()).isEqualTo(2);
    assertThat(r.rpcs()).isEqualTo(K);
    List<NodeId> truth =
        net.keySet().stream()
            .filter(id -> !id.equals(from.self()))
            .sorted(target::compareDistance)
            .limit(K)
            .toList();
    assertThat(r.closest()).extracting(Contact::id).containsExactlyElementsOf(truth);
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
                : contacts(net.get(to.id()).closest(target, K, from.self()));
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
    // The holder is the closest contact the node knows, so it is asked in the first round.
    NodeId holder = from.closest(key, 1, null).get(0).id();
    Held q = new Held();
    CompletableFuture<LookupResult> done = lookup(LookupKind.VALUE, key, from, q, 3).run();
    List<NodeId> firstRound = List.copyOf(q.asked.keySet());
    assertThat(firstRound).hasSize(3).contains(holder);

    for (NodeId other : firstRound) {
      if (!other.equals(holder)) {
        q.asked.get(other).complete(LookupReply.ofContacts(net.get(other).closest(key, K, null)));
      }
    }
    int sentBeforeTheValue = q.asked.size();
    q.asked.get(holder).complete(LookupReply.ofValue(Value.of("v")));

    LookupResult r = done.join();
    assertThat(r.value()).contains(Value.of("v"));
    assertThat(r.holder()).map(Contact::id).contains(holder);
    NodeId closerOfTheOthers =
        firstRound.stream().filter(id -> !id.equals(holder)).min(key::compareDistance).get();
    assertThat(r.closestWithoutValue()).map(Contact::id).contains(closerOfTheOthers);
    assertThat(q.asked).as("nothing sent after the value came back").hasSize(sentBeforeTheValue);
  }

  @Test
  void valueLookup_thatCollectsValues_hearsFromTheKClosestAndKeepsEveryValue() {
    Map<NodeId, RoutingTable> net = network(100);
    List<NodeId> ids = new ArrayList<>(net.keySet());
    NodeId key = NodeId.random(random);
    RoutingTable from = net.get(ids.get(0));
    List<NodeId> truth =
        ids.stream()
            .filter(id -> !id.equals(from.self()))
            .sorted(key::compareDistance)
            .limit(K)
            .toList();
    // The three closest hold a value each (say, three versions of it).
    Map<NodeId, Value> held =
        Map.of(
            truth.get(0), Value.of("a"), truth.get(1), Value.of("b"), truth.get(2), Value.of("c"));
    Lookup.Querier q =
        to ->
            CompletableFuture.completedFuture(
                new LookupReply(
                    net.get(to.id()).closest(key, K, from.self()),
                    Optional.ofNullable(held.get(to.id())),
                    Optional.empty()));
    LookupSpec spec =
        new LookupSpec(
            1,
            from.self(),
            LookupKind.VALUE,
            LookupPurpose.GET,
            key,
            StopPolicy.AFTER_K_CLOSEST,
            K,
            3);

    LookupResult r =
        new Lookup(spec, from.closest(key, K, null), q, e -> {}, time.clock()).run().join();

    assertThat(r.closest()).extracting(Contact::id).containsExactlyElementsOf(truth);
    assertThat(r.values())
        .extracting(f -> f.from().id(), LookupResult.Found::value)
        .containsExactlyInAnyOrder(
            tuple(truth.get(0), Value.of("a")),
            tuple(truth.get(1), Value.of("b")),
            tuple(truth.get(2), Value.of("c")));
    assertThat(r.closestWithoutValue()).map(Contact::id).contains(truth.get(3));
  }

  @Test
  void aSettledValueLookup_hearsTheAnswersInFlightAtTheFirstValue_andSendsNoMore() {
    Map<NodeId, RoutingTable> net = network(60);
    RoutingTable from = net.values().iterator().next();
    NodeId key = NodeId.random(random);
    Map<NodeId, CompletableFuture<LookupReply>> asked = new java.util.LinkedHashMap<>();
    Lookup.Querier q =
        to -> {
          CompletableFuture<LookupReply> f = new CompletableFuture<>();
          asked.put(to.id(), f);
          return f;
        };
    LookupSpec spec =
        new LookupSpec(
            1,
            from.self(),
            LookupKind.VALUE,
            LookupPurpose.GET,
            key,
            StopPolicy.AT_FIRST_VALUE_SETTLED,
            K,
            3);
    CompletableFuture<LookupResult> run =
        new Lookup(spec, from.closest(key, K, null), q, e -> {}, time.clock()).run();
    List<NodeId> first = List.copyOf(asked.keySet());
    assertThat(first).hasSize(3);

    asked.get(first.get(0)).complete(reply(Value.of("new")));

    assertThat(run).isNotDone();
    assertThat(asked).as("no request after the first value").hasSize(3);
    asked.get(first.get(1)).complete(reply(Value.of("old")));
    asked
        .get(first.get(2))
        .complete(new LookupReply(List.of(), Optional.empty(), Optional.empty()));
    LookupResult r = run.join();
    assertThat(r.values())
        .extracting(LookupResult.Found::value)
        .containsExactly(Value.of("new"), Value.of("old"));
    assertThat(r.rpcs()).isEqualTo(3);
  }

  private static LookupReply reply(Value v) {
    return new LookupReply(List.of(), Optional.of(v), Optional.empty());
  }

  @Test
  void theResultCarriesTheWriteTokenEachOfTheClosestHandedOut() {
    Map<NodeId, RoutingTable> net = network(60);
    RoutingTable from = net.values().iterator().next();
    NodeId target = NodeId.random(random);
    Lookup.Querier q =
        to ->
            CompletableFuture.completedFuture(
                new LookupReply(
                    net.get(to.id()).closest(target, K, from.self()),
                    Optional.empty(),
                    Optional.of(WriteToken.of(to.id().toBytes()))));

    LookupResult r = lookup(LookupKind.NODE, target, from, q, 3).run().join();

    assertThat(r.answered()).hasSize(K);
    for (LookupResult.Answer a : r.answered()) {
      assertThat(a.token()).contains(WriteToken.of(a.contact().id().toBytes()));
    }
  }

  @Test
  void publishesItsStart_eachStep_andItsEnd_inThatOrder() {
    Map<NodeId, RoutingTable> net = network(60);
    RoutingTable from = net.values().iterator().next();
    NodeId target = NodeId.random(random);
    List<NodeId> dead = from.closest(target, 2, null).stream().map(Contact::id).toList();
    Lookup.Querier q =
        to ->
            dead.contains(to.id())
                ? CompletableFuture.failedFuture(new RuntimeException("timeout"))
                : contacts(net.get(to.id()).closest(target, K, from.self()));
    List<EngineEvent> events = new ArrayList<>();
    LookupSpec spec =
        new LookupSpec(
            7,
            from.self(),
            LookupKind.NODE,
            LookupPurpose.REFRESH,
            target,
            StopPolicy.AT_FIRST_VALUE,
            K,
            3);
    List<Contact> initial = from.closest(target, K, null);

    LookupResult r = new Lookup(spec, initial, q, events::add, time.clock()).run().join();

    assertThat(events.get(0))
        .isEqualTo(
            new EngineEvent.LookupStarted(
                time.now(),
                from.self(),
                7,
                LookupKind.NODE,
                target,
                LookupPurpose.REFRESH,
                initial));
    List<EngineEvent.LookupStep> steps =
        events.stream()
            .filter(e -> e instanceof EngineEvent.LookupStep)
            .map(e -> (EngineEvent.LookupStep) e)
            .toList();
    assertThat(steps).hasSize(r.rpcs()).hasSize(events.size() - 2);
    assertThat(steps).extracting(EngineEvent.LookupStep::seq).isSorted().doesNotHaveDuplicates();
    assertThat(steps)
        .filteredOn(EngineEvent.LookupStep::failed)
        .extracting(st -> st.queried().id())
        .containsExactlyInAnyOrderElementsOf(dead);
    EngineEvent last = events.get(events.size() - 1);
    assertThat(last).isInstanceOf(EngineEvent.LookupFinished.class);
    EngineEvent.LookupFinished f = (EngineEvent.LookupFinished) last;
    assertThat(f.lookupId()).isEqualTo(7);
    assertThat(f.closest()).isEqualTo(r.closest());
    assertThat(f.rpcs()).isEqualTo(r.rpcs());
    assertThat(f.rounds()).isEqualTo(r.rounds());
  }

  @Test
  void aQuerierThatThrows_orReturnsNoFuture_countsAsAFailedContact() {
    Map<NodeId, RoutingTable> net = network(100);
    RoutingTable from = net.values().iterator().next();
    NodeId target = NodeId.random(random);
    List<Contact> twoClosest = from.closest(target, 2, null);
    Lookup.Querier q =
        to -> {
          if (to.equals(twoClosest.get(0))) {
            throw new IllegalStateException("cannot send");
          }
          if (to.equals(twoClosest.get(1))) {
            return null;
          }
          return contacts(net.get(to.id()).closest(target, K, from.self()));
        };

    LookupResult r = lookup(LookupKind.NODE, target, from, q, 3).run().join();

    assertThat(r.closest()).hasSizeGreaterThan(K / 2).doesNotContainAnyElementsOf(twoClosest);
  }

  /** A querier whose answers the test gives, one by one. */
  private static final class Held implements Lookup.Querier {
    final Map<NodeId, CompletableFuture<LookupReply>> asked = new LinkedHashMap<>();

    @Override
    public CompletableFuture<LookupReply> query(Contact to) {
      CompletableFuture<LookupReply> f = new CompletableFuture<>();
      asked.put(to.id(), f);
      return f;
    }

    /** The contact asked last. */
    NodeId newest() {
      NodeId last = null;
      for (NodeId id : asked.keySet()) {
        last = id;
      }
      return last;
    }

    /** Answers {@code id} from its table. */
    void answer(NodeId id, Map<NodeId, RoutingTable> net, NodeId target, NodeId asker) {
      asked.get(id).complete(LookupReply.ofContacts(net.get(id).closest(target, K, asker)));
    }

    /** Answers the request asked first of those still pending. */
    void answerOldestPending(Map<NodeId, RoutingTable> net, NodeId target, NodeId asker) {
      for (Map.Entry<NodeId, CompletableFuture<LookupReply>> e : List.copyOf(asked.entrySet())) {
        if (!e.getValue().isDone()) {
          answer(e.getKey(), net, target, asker);
          return;
        }
      }
      throw new AssertionError("no request is pending");
    }
  }

  @Test
  void noContacts_endsAtOnceWithNothing() {
    RoutingTable lonely = new RoutingTable(NodeId.random(random), K, 3, 5, time.clock(), e -> {});
    LookupResult r =
        lookup(LookupKind.NODE, NodeId.random(random), lonely, to -> null, 3).run().join();
    assertThat(r.closest()).isEmpty();
    assertThat(r.rpcs()).isZero();
  }

  /**
   * A querier on virtual time: contacts in {@code dead} never answer, the others answer in 10 ms
   * with more than k contacts (so that a lookup has spare live candidates), and every query not
   * answered is called late after 1, 3 and 7 times {@code patience}, as the node's RPC client does
   * at its retransmissions.
   */
  private final class Timed implements Lookup.Querier {
    final Map<NodeId, RoutingTable> net;
    final NodeId target;
    final NodeId self;
    final java.util.Set<NodeId> dead = new java.util.HashSet<>();
    final java.util.Set<NodeId> failing = new java.util.HashSet<>();
    final Map<NodeId, CompletableFuture<LookupReply>> pending = new LinkedHashMap<>();
    final List<NodeId> asked = new ArrayList<>();
    java.time.Duration patience = java.time.Duration.ofMillis(50);

    Timed(Map<NodeId, RoutingTable> net, NodeId target, NodeId self) {
      this.net = net;
      this.target = target;
      this.self = self;
    }

    @Override
    public CompletableFuture<LookupReply> query(Contact to) {
      return query(to, () -> {});
    }

    @Override
    public CompletableFuture<LookupReply> query(Contact to, Runnable slow) {
      asked.add(to.id());
      CompletableFuture<LookupReply> f = new CompletableFuture<>();
      pending.put(to.id(), f);
      if (!dead.contains(to.id())) {
        time.schedule(
            java.time.Duration.ofMillis(10),
            () ->
                f.complete(LookupReply.ofContacts(net.get(to.id()).closest(target, K + 10, self))));
      }
      for (int times : new int[] {1, 3, 7}) {
        time.schedule(
            patience.multipliedBy(times),
            () -> {
              if (!f.isDone()) {
                slow.run();
              }
            });
      }
      return f;
    }

    @Override
    public boolean failingRecently(Contact c) {
      return failing.contains(c.id());
    }
  }

  private List<NodeId> liveTruth(
      Map<NodeId, RoutingTable> net, NodeId self, NodeId target, java.util.Set<NodeId> dead) {
    return net.keySet().stream()
        .filter(id -> !id.equals(self) && !dead.contains(id))
        .sorted(target::compareDistance)
        .limit(K)
        .toList();
  }

  @Test
  void aSlowContact_freesItsSlotForTheNext_andTheLookupEndsWithoutAwaitingItsTimeout() {
    Map<NodeId, RoutingTable> net = network(100);
    RoutingTable from = net.values().iterator().next();
    NodeId target = NodeId.random(random);
    Timed q = new Timed(net, target, from.self());
    from.closest(target, 3, null).forEach(c -> q.dead.add(c.id()));

    CompletableFuture<LookupResult> done = lookup(LookupKind.NODE, target, from, q, 3).run();
    time.advance(java.time.Duration.ofMillis(49));
    assertThat(q.asked).as("the three closest, all dead, hold the slots").hasSize(3);
    time.advance(java.time.Duration.ofMillis(1));
    assertThat(q.asked).as("each slow one's slot went to the next candidate").hasSize(6);
    time.advance(java.time.Duration.ofSeconds(1));

    assertThat(done).isCompleted();
    assertThat(q.dead).allSatisfy(id -> assertThat(q.pending.get(id)).isNotDone());
    assertThat(done.join().closest())
        .extracting(Contact::id)
        .containsExactlyElementsOf(liveTruth(net, from.self(), target, q.dead));
  }

  @Test
  void aLateAnswerBeforeTheEnd_isStillTaken() {
    Map<NodeId, RoutingTable> net = network(100);
    RoutingTable from = net.values().iterator().next();
    NodeId target = NodeId.random(random);
    Timed q = new Timed(net, target, from.self());
    NodeId closest = from.closest(target, 1, null).get(0).id();
    q.dead.add(closest);

    CompletableFuture<LookupResult> done = lookup(LookupKind.NODE, target, from, q, 1).run();
    time.advance(java.time.Duration.ofMillis(60)); // slow at 50 ms; one slot, answers 10 ms apart
    assertThat(done).isNotDone();
    q.pending
        .get(closest)
        .complete(LookupReply.ofContacts(net.get(closest).closest(target, K, from.self())));
    time.advance(java.time.Duration.ofSeconds(2));

    assertThat(done.join().closest()).extracting(Contact::id).startsWith(closest);
  }

  @Test
  void contactsThatFailedRecently_areAskedAfterTheLiveOnes() {
    Map<NodeId, RoutingTable> net = network(100);
    RoutingTable from = net.values().iterator().next();
    NodeId target = NodeId.random(random);
    Timed q = new Timed(net, target, from.self());
    from.closest(target, 5, null).forEach(c -> q.failing.add(c.id()));

    CompletableFuture<LookupResult> done = lookup(LookupKind.NODE, target, from, q, 3).run();
    time.advance(java.time.Duration.ofSeconds(1));

    assertThat(done).isCompleted();
    assertThat(q.asked).containsAll(q.failing);
    assertThat(q.asked.subList(0, q.asked.size() - q.failing.size()))
        .as("every other contact first")
        .doesNotContainAnyElementsOf(q.failing);
    assertThat(done.join().closest())
        .extracting(Contact::id)
        .containsExactlyElementsOf(liveTruth(net, from.self(), target, java.util.Set.of()));
  }

  @Test
  void aValueLookup_findsTheValueBeforeAskingContactsThatFailedRecently() {
    Map<NodeId, RoutingTable> net = network(100);
    RoutingTable from = net.values().iterator().next();
    NodeId key = NodeId.random(random);
    List<Contact> closest = from.closest(key, 6, null);
    java.util.Set<NodeId> failing = new java.util.HashSet<>();
    closest.subList(0, 3).forEach(c -> failing.add(c.id()));
    List<NodeId> asked = new ArrayList<>();
    Lookup.Querier q =
        new Lookup.Querier() {
          @Override
          public CompletableFuture<LookupReply> query(Contact to) {
            asked.add(to.id());
            return CompletableFuture.completedFuture(LookupReply.ofValue(Value.of("v")));
          }

          @Override
          public boolean failingRecently(Contact c) {
            return failing.contains(c.id());
          }
        };

    LookupResult r = lookup(LookupKind.VALUE, key, from, q, 1).run().join();

    assertThat(r.value()).contains(Value.of("v"));
    assertThat(asked).containsExactly(closest.get(3).id());
  }

  @Test
  void contactsThatFailedRecently_areStillAsked_whenTooFewOthersAreLeft() {
    Map<NodeId, RoutingTable> net = network(10);
    RoutingTable from = net.values().iterator().next();
    NodeId target = NodeId.random(random);
    Timed q = new Timed(net, target, from.self());
    from.closest(target, 2, null).forEach(c -> q.failing.add(c.id()));

    CompletableFuture<LookupResult> done = lookup(LookupKind.NODE, target, from, q, 3).run();
    time.advance(java.time.Duration.ofSeconds(1));

    assertThat(q.asked).containsAll(q.failing);
    assertThat(done.join().closest()).hasSize(9);
  }

  @Test
  void withTooFewCandidatesLeft_aSlowContactIsAwaited() {
    Map<NodeId, RoutingTable> net = network(2);
    RoutingTable from = net.values().iterator().next();
    NodeId target = NodeId.random(random);
    Timed q = new Timed(net, target, from.self());
    NodeId only = from.closest(target, 1, null).get(0).id();
    q.dead.add(only);

    CompletableFuture<LookupResult> done = lookup(LookupKind.NODE, target, from, q, 3).run();
    time.advance(java.time.Duration.ofSeconds(2));
    assertThat(done).as("slow, but the only one there is").isNotDone();
    q.pending.get(only).complete(LookupReply.ofContacts(List.of()));

    assertThat(done.join().closest()).extracting(Contact::id).containsExactly(only);
  }
}
