package io.kadscope.gui.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.event.EngineEvent;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrafficViewModelTest {
  private static final Instant T = Instant.parse("2026-01-01T12:00:00Z");
  private static final NodeId SELF = NodeId.random(new Random(1));
  private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 7123);
  private final TrafficViewModel vm =
      new TrafficViewModel(Clock.fixed(T.plusSeconds(2), ZoneOffset.UTC));

  private static EngineEvent sent(long id, Instant at) {
    return new EngineEvent.RpcSent(at, SELF, id, "find_node", PEER, Optional.empty(), 0);
  }

  @Test
  void anAnsweredRpc_isOneRowWithItsResultAndLatency() {
    vm.onEvents(
        List.of(
            sent(1, T),
            new EngineEvent.RpcAnswered(
                T, SELF, 1, "find_node", PEER, Duration.ofMillis(12), "20 contacts", 0)));
    vm.flush();

    assertThat(vm.rows()).hasSize(1);
    TrafficRow row = vm.rows().get(0);
    assertThat(row.direction()).isEqualTo("→ out");
    assertThat(row.peer()).isEqualTo("127.0.0.1:7123");
    assertThat(row.resultProperty().get()).isEqualTo("20 contacts");
    assertThat(row.latencyProperty().get()).isEqualTo("12 ms");
    assertThat(vm.sentProperty().get()).isEqualTo(1);
    assertThat(vm.answeredProperty().get()).isEqualTo(1);
  }

  @Test
  void aTimeout_isCountedApartFromOtherFailures_andMarksTheRow() {
    vm.onEvents(
        List.of(
            sent(1, T),
            sent(2, T),
            new EngineEvent.RpcFailed(
                T, SELF, 1, "find_node", PEER, Duration.ofSeconds(5), "no answer", true, 0),
            new EngineEvent.RpcFailed(
                T, SELF, 2, "find_node", PEER, Duration.ZERO, "too large", false, 0)));
    vm.flush();

    assertThat(vm.timedOutProperty().get()).isEqualTo(1);
    assertThat(vm.failedProperty().get()).isEqualTo(1);
    assertThat(vm.rows().get(0).statusProperty().get()).isEqualTo(TrafficRow.Status.TIMEOUT);
    assertThat(vm.rows().get(1).resultProperty().get()).isEqualTo("too large");
  }

  @Test
  void failuresOnly_showsARowThatTimesOutAfterItWasShown() {
    vm.failuresOnlyProperty().set(true);
    vm.onEvents(List.of(sent(1, T)));
    vm.flush();
    assertThat(vm.visibleRows()).isEmpty();

    vm.onEvents(
        List.of(
            new EngineEvent.RpcFailed(
                T, SELF, 1, "find_node", PEER, Duration.ofSeconds(5), "no answer", true, 0)));
    vm.flush();

    assertThat(vm.visibleRows())
        .singleElement()
        .satisfies(r -> assertThat(r.statusProperty().get()).isEqualTo(TrafficRow.Status.TIMEOUT));
  }

  @Test
  void rowsAreCapped_butCountsAreExact() {
    List<EngineEvent> events = new ArrayList<>();
    for (int i = 0; i < TrafficViewModel.MAX_ROWS + 500; i++) {
      events.add(sent(i, T));
      events.add(new EngineEvent.RpcReceived(T, SELF, "ping", PEER, Optional.empty()));
    }
    vm.onEvents(events);
    vm.flush();

    assertThat(vm.rows()).hasSize(TrafficViewModel.MAX_ROWS);
    assertThat(vm.sentProperty().get()).isEqualTo(TrafficViewModel.MAX_ROWS + 500);
    assertThat(vm.receivedProperty().get()).isEqualTo(TrafficViewModel.MAX_ROWS + 500);
    assertThat(vm.summaryProperty().get()).contains("sent 2,500").contains("last 2,000 rows");
  }

  @Test
  void theFilter_keepsRowsThatMentionTheText() {
    vm.onEvents(
        List.of(sent(1, T), new EngineEvent.RpcReceived(T, SELF, "ping", PEER, Optional.empty())));
    vm.flush();

    vm.filterProperty().set("PING");

    assertThat(vm.visibleRows()).extracting(TrafficRow::rpc).containsExactly("ping");
  }

  @Test
  void rates_countTheRequestsOfTheLastWholeSeconds() {
    RateMeter m = new RateMeter(5);
    for (int i = 0; i < 50; i++) {
      m.record(T);
    }
    m.record(T.minusSeconds(10));

    assertThat(m.rate(T.plusSeconds(1))).isEqualTo(10.0);
    assertThat(m.rate(T)).isZero();
  }
}
