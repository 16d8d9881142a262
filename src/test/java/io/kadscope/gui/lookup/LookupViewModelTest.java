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
    assertThat(t.outcome()).isEqualTo("3 RPCs · 2 rounds · 30 ms · found hello");
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

  @Test
  void anAnswerThatArrivesAfterTheEnd_isAddedAsALateStep() {
    vm.lookupStarting(key);
    vm.onEvents(
        List.of(
            new EngineEvent.RpcSent(
                T, SELF, 41, "find_value", b.address(), Optional.of(b.id()), 7)));
    runGet(7);
    vm.onEvents(
        List.of(
            new EngineEvent.RpcAnswered(
                T, SELF, 41, "find_value", b.address(), Duration.ofMillis(3), "value (str)", 7)));

    TraceStep late = vm.selectedProperty().get().steps().get(3);
    assertThat(late.late()).isTrue();
    assertThat(late.round()).isZero();
    assertThat(late.queried().id()).isEqualTo(b.id().toHex());
    assertThat(late.note()).isEqualTo("find_value: value (str)");
    assertThat(vm.visibleSteps()).hasSize(4);
    assertThat(vm.selectedProperty().get().outcome()).endsWith("1 after the end");
  }
}
