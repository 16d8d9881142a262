package io.kadscope.gui.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class TraceFileTest {
  private static final String ID = "00112233445566778899aabbccddeeff00112233";

  @Test
  void toJson_namesTheFormatAndVersion_andReadsBackEqual() {
    TraceContact c = new TraceContact(ID, "127.0.0.1", 7123);
    LookupTrace t =
        new LookupTrace(
            3,
            "NODE",
            "join",
            ID,
            ID,
            null,
            "2026-01-01T12:00:00Z",
            List.of(c),
            List.of(new TraceStep(1, 1, 1, c, List.of(c), null, null, false, 4, 160)),
            true,
            List.of(c),
            null,
            1,
            1,
            1,
            4);

    String json = TraceFile.toJson(t);

    assertThat(json).contains("\"format\": \"kadscope-trace\"", "\"version\": 2");
    assertThat(TraceFile.fromJson(json, "t.json")).isEqualTo(t);
  }

  @Test
  void fromJson_rejectsBrokenJsonAndOtherVersions() {
    assertThatThrownBy(() -> TraceFile.fromJson("{", "a.json"))
        .hasMessageStartingWith("a.json is not a KadScope trace: not valid JSON");
    assertThatThrownBy(
            () -> TraceFile.fromJson("{\"format\":\"kadscope-trace\",\"version\":9}", "b.json"))
        .hasMessage("b.json is a version 9 trace; this KadScope reads versions 1 to 2");
  }

  @Test
  void aVersion1Trace_readsWithEachStepsHopAsItsRound() {
    String v1 =
        "{\"format\":\"kadscope-trace\",\"version\":1,\"trace\":{\"lookupId\":3,\"kind\":\"NODE\","
            + "\"purpose\":\"join\",\"self\":\""
            + ID
            + "\",\"target\":\""
            + ID
            + "\",\"steps\":[{\"seq\":1,\"round\":2,\"queried\":{\"id\":\""
            + ID
            + "\",\"host\":\"127.0.0.1\",\"port\":7123},\"failed\":false,\"latencyMs\":4,"
            + "\"bestPrefix\":9,\"late\":false}],\"finished\":true,\"rpcs\":1,\"rounds\":2,"
            + "\"elapsedMs\":4}}";

    LookupTrace t = TraceFile.fromJson(v1, "old.json");

    assertThat(t.steps()).extracting(TraceStep::round, TraceStep::hop).containsExactly(tuple(2, 2));
    assertThat(t.hops()).isEqualTo(2);
    assertThat(t.rounds()).isEqualTo(2);
  }
}
