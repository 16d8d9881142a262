package io.kadscope.gui.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.lookup.LookupKind;
import io.kadscope.engine.lookup.LookupPurpose;
import io.kadscope.gui.fx.RecordingNotifier;
import io.kadscope.gui.session.KeyNames;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LookupViewModelTest {
  private static final Instant T = Instant.parse("2026-01-01T12:00:00Z");
  private static final Random R = new Random(5);
  private static final NodeId SELF = NodeId.random(R);
  private final KeyNames names = new KeyNames();
  private final NodeId key = names.remember("greeting");
  private final Contact a = contact(1);
  private final Contact b = contact(2);
  private final Contact holder = contact(3);
  private final RecordingNotifier notifier = new RecordingNotifier();
  private final LookupViewModel vm = new LookupViewModel(names, notifier);

  private static Contact contact(int port) {
    return new Contact(NodeId.random(R), new InetSocketAddress("127.0.0.1", 40000 + port));
  }

  /** A get that asks a and b, learns of the holder from a, and finds the value there. */
  private void runGet(long id) {
    vm.onEvents(
        List.of(
            new EngineEvent.LookupStarted(
                T, SELF, id, LookupKind.VALUE, key, LookupPurpose.GET, List.of(a, b)),
            new EngineEvent.LookupStep(
                T,
                SELF,
                id,
                1,
                1,
                a,
                List.of(holder),
                Optional.empty(),
                false,
                Duration.ofMillis(8),
                2)));
    vm.onEvents(
        List.of(
            new EngineEvent.LookupStep(
                T, SELF, id, 2, 1, b, List.of(), Optional.empty(), true, Duration.ofSeconds(5), 2),
            new EngineEvent.LookupStep(
                T,
                SELF,
                id,
                3,
                2,
                holder,
                List.of(),
                Optional.of(Value.of("hello")),
                false,
                Duration.ofMillis(9),
                7),
            new EngineEvent.LookupFinished(
                T,
                SELF,
                id,
                LookupKind.VALUE,
                key,
                List.of(holder, a),
                Optional.of(Value.of("hello")),
                3,
                2,
                Duration.ofMillis(30))));
  }

  @Test
  void aFollowedLookup_isPickedWhenItStarts_andItsStepsShowAsTheyCome() {
    vm.lookupStarting(key);
    runGet(7);

    LookupTrace t = vm.selectedProperty().get();
    assertThat(t.lookupId()).isEqualTo(7);
    assertThat(t.title()).isEqualTo("get \"greeting\"");
    assertThat(t.finished()).isTrue();
    assertThat(vm.visibleSteps()).extracting(TraceStep::seq).containsExactly(1, 2, 3);
    assertThat(vm.visibleSteps().get(1).failed()).isTrue();
    assertThat(vm.visibleSteps().get(2).value()).isEqualTo("hello");
    assertThat(t.outcome()).isEqualTo("3 RPCs · 2 rounds · hop depth 2 · 30 ms · found hello");
  }

  @Test
  void stepBackAndForward_moveTheCursorWithinTheSteps() {
    vm.lookupStarting(key);
    runGet(7);

    vm.stepBack();
    vm.stepBack();
    assertThat(vm.visibleSteps()).hasSize(1);
    assertThat(vm.positionProperty().get()).isEqualTo("step 1 of 3");
    vm.rewind();
    assertThat(vm.visibleSteps()).isEmpty();
    assertThat(vm.stepForward()).isTrue();
    vm.toEnd();
    assertThat(vm.stepForward()).isFalse();
    assertThat(vm.visibleSteps()).hasSize(3);
  }

  @Test
  void aReplay_startsBeforeTheFirstStep_andEndsAfterTheLast() {
    vm.lookupStarting(key);
    runGet(7);

    vm.replay();
    assertThat(vm.replayingProperty().get()).isTrue();
    assertThat(vm.visibleSteps()).isEmpty();
    vm.replayStep();
    vm.replayStep();
    vm.replayStep();
    assertThat(vm.positionProperty().get()).isEqualTo("step 3 of 3");
    assertThat(vm.replayingProperty().get()).isTrue();
    vm.replayStep();

    assertThat(vm.replayingProperty().get()).isFalse();
    assertThat(vm.visibleSteps()).hasSize(3);
  }

  @Test
  void steppingByHand_stopsAReplay() {
    vm.lookupStarting(key);
    runGet(7);
    vm.replay();
    vm.replayStep();

    vm.stepForward();

    assertThat(vm.replayingProperty().get()).isFalse();
    assertThat(vm.positionProperty().get()).isEqualTo("step 2 of 3");
  }

  @Test
  void theSuggestedFileName_namesThePickedLookup() {
    assertThat(vm.suggestedFileName()).isEqualTo("lookup-trace.json");
    vm.lookupStarting(key);
    runGet(7);

    assertThat(vm.suggestedFileName()).isEqualTo("lookup-7.json");
  }

  @Test
  void lookupsAreListedNewestFirst() {
    runGet(1);
    runGet(2);

    assertThat(vm.lookups()).extracting(LookupTrace::lookupId).containsExactly(2L, 1L);
  }

  @Test
  void aSavedTrace_opensAgainEqualToTheOriginal(@TempDir Path dir) {
    vm.lookupStarting(key);
    runGet(7);
    LookupTrace original = vm.selectedProperty().get();
    Path file = dir.resolve("trace.json");

    assertThat(vm.save(file)).isTrue();
    LookupViewModel other = new LookupViewModel(new KeyNames(), notifier);
    assertThat(other.open(file)).isTrue();

    assertThat(other.selectedProperty().get()).isEqualTo(original);
    assertThat(other.visibleSteps()).hasSize(3);
  }

  @Test
  void openingAFileThatIsNoTrace_saysWhatWasExpected(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("notes.json");
    Files.writeString(file, "{\"format\": \"something-else\"}");

    assertThat(vm.open(file)).isFalse();

    assertThat(notifier.errors)
        .containsExactly(
            "notes.json is not a KadScope trace: expected \"format\": \"kadscope-trace\", found"
                + " \"something-else\"");
  }

  @Test
  void savingWithNothingPicked_asksToPickALookup(@TempDir Path dir) {
    assertThat(vm.save(dir.resolve("x.json"))).isFalse();
    assertThat(notifier.errors).containsExactly("Pick a lookup in the list first, then save it.");
  }

  private static EngineEvent.RpcSent sent(long rpcId, Contact to, long lookupId) {
    return new EngineEvent.RpcSent(
        T, SELF, rpcId, "find_value", to.address(), Optional.of(to.id()), lookupId);
  }

  private static EngineEvent.RpcAnswered answered(long rpcId, Contact to, long lookupId) {
    return new EngineEvent.RpcAnswered(
        T, SELF, rpcId, "find_value", to.address(), Duration.ofMillis(3), "value (str)", lookupId);
  }

  private static EngineEvent.LookupStep stepOf(
      long lookupId, int seq, int hop, Contact c, List<Contact> returned) {
    return new EngineEvent.LookupStep(
        T, SELF, lookupId, seq, hop, c, returned, Optional.empty(), false, Duration.ofMillis(3), 1);
  }

  @Test
  void anAnswerThatArrivesAfterTheEnd_isAddedAsALateStep_inTheRoundItWasSentIn() {
    vm.lookupStarting(key);
    vm.onEvents(
        List.of(
            new EngineEvent.LookupStarted(
                T, SELF, 7, LookupKind.VALUE, key, LookupPurpose.GET, List.of(a, b)),
            sent(40, a, 7),
            sent(41, b, 7),
            answered(40, a, 7),
            stepOf(7, 1, 1, a, List.of(holder)),
            sent(42, holder, 7),
            new EngineEvent.LookupStep(
                T,
                SELF,
                7,
                2,
                2,
                holder,
                List.of(),
                Optional.of(Value.of("hello")),
                false,
                Duration.ofMillis(9),
                7),
            new EngineEvent.LookupFinished(
                T,
                SELF,
                7,
                LookupKind.VALUE,
                key,
                List.of(holder, a),
                Optional.of(Value.of("hello")),
                3,
                2,
                Duration.ofMillis(30))));
    vm.onEvents(List.of(answered(41, b, 7)));

    LookupTrace t = vm.selectedProperty().get();
    TraceStep late = t.steps().get(2);
    assertThat(late.late()).isTrue();
    assertThat(late.round()).isEqualTo(1);
    assertThat(late.queried().id()).isEqualTo(b.id().toHex());
    assertThat(late.note()).isEqualTo("find_value: value (str)");
    assertThat(vm.visibleSteps()).hasSize(3);
    assertThat(t.rounds()).isEqualTo(2);
    assertThat(t.outcome()).startsWith("3 RPCs · 2 rounds · ").endsWith("1 after the end");
  }

  @Test
  void rounds_countTheRoundTripsWaitedInTurn_notTheHopDepth() {
    // a and b are asked at once; a's answer names c, sent in round 2; b's answer comes after
    // c's and names d, which the node knew of only then: d is one hop deeper than b, but it was
    // sent once a round-2 answer had come back, so it is in round 3.
    Contact c = contact(4);
    Contact d = contact(5);
    vm.lookupStarting(key);
    vm.onEvents(
        List.of(
            new EngineEvent.LookupStarted(
                T, SELF, 9, LookupKind.NODE, key, LookupPurpose.FIND_NODE, List.of(a, b)),
            sent(1, a, 9),
            sent(2, b, 9),
            stepOf(9, 1, 1, a, List.of(c)),
            sent(3, c, 9),
            stepOf(9, 2, 2, c, List.of()),
            stepOf(9, 3, 1, b, List.of(d)),
            sent(4, d, 9),
            stepOf(9, 4, 2, d, List.of()),
            new EngineEvent.LookupFinished(
                T,
                SELF,
                9,
                LookupKind.NODE,
                key,
                List.of(c, d),
                Optional.empty(),
                4,
                2,
                Duration.ofMillis(40))));

    LookupTrace t = vm.selectedProperty().get();
    assertThat(t.steps()).extracting(TraceStep::round).containsExactly(1, 2, 1, 3);
    assertThat(t.steps()).extracting(TraceStep::hop).containsExactly(1, 2, 1, 2);
    assertThat(t.rounds()).isEqualTo(3);
    assertThat(t.hops()).isEqualTo(2);
    assertThat(t.outcome()).startsWith("4 RPCs · 3 rounds · hop depth 2 · ");
  }

  @Test
  void requestsInFlight_areListedForThePickedLookup_untilTheyEnd() {
    vm.lookupStarting(key);
    vm.onEvents(
        List.of(
            new EngineEvent.LookupStarted(
                T, SELF, 5, LookupKind.VALUE, key, LookupPurpose.GET, List.of(a, b)),
            sent(1, a, 5),
            sent(2, b, 5)));
    assertThat(vm.inFlight())
        .extracting(p -> p.to().id())
        .containsExactly(a.id().toHex(), b.id().toHex());
    assertThat(vm.inFlight()).extracting(PendingRpc::round).containsExactly(1, 1);

    vm.onEvents(
        List.of(answered(1, a, 5), stepOf(5, 1, 1, a, List.of(holder)), sent(3, holder, 5)));

    assertThat(vm.inFlight())
        .extracting(p -> p.to().id())
        .containsExactly(b.id().toHex(), holder.id().toHex());
    assertThat(vm.inFlight()).extracting(PendingRpc::round).containsExactly(1, 2);
    assertThat(vm.selectedProperty().get().outcome())
        .isEqualTo("running · round 1 · 1 answer so far");
  }

  @Test
  void aNewFollowedLookup_clearsTheOldOneAtOnce_andALookupSkippedSaysWhy() {
    vm.lookupStarting(key);
    runGet(7);
    assertThat(vm.selectedProperty().get()).isNotNull();

    NodeId other = names.remember("answer");
    vm.lookupStarting(other);
    assertThat(vm.selectedProperty().get()).isNull();
    assertThat(vm.visibleSteps()).isEmpty();
    assertThat(vm.positionProperty().get())
        .isEqualTo("waiting for the lookup of \"answer\" to start…");

    vm.lookupSkipped(other, "Found here: no lookup ran.");
    assertThat(vm.positionProperty().get()).isEqualTo("Found here: no lookup ran.");
  }

  @Test
  void theStepAtTheCursor_isToldInWords() {
    vm.lookupStarting(key);
    runGet(7);

    assertThat(vm.storyProperty().get())
        .startsWith("Round 2, answer 3 of 3: asked " + holder.id().shortHex(4) + "… (shares ")
        .endsWith("it holds the value, hello (str), and the lookup ends here.");
    vm.rewind();
    assertThat(vm.storyProperty().get())
        .startsWith("The node starts from the 2 contacts it knows closest");
  }
}
