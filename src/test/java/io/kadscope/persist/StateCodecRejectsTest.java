package io.kadscope.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.NodeState;
import io.kadscope.engine.Value;
import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A state file that is not one fails with a message that names the field and what it held. */
class StateCodecRejectsTest {
  private static final String ID = NodeId.ofKey("me").toHex();
  private static final String VALID =
      """
      {"format": "kadscope-state", "version": 1, "id": "%s",
       "contacts": [{"id": "%s", "host": "10.0.0.2", "port": 7123}],
       "values": [{"key": "%s", "type": "str", "value": "hello",
                   "storedAt": "2025-01-01T00:00:00Z", "original": true,
                   "republishedAt": "2025-01-01T00:00:00Z"}],
       "published": [{"key": "%<s", "type": "int", "value": 7,
                      "storedAt": "2025-01-01T00:00:00Z", "original": true,
                      "republishedAt": "2025-01-01T00:00:00Z"}]}
      """
          .formatted(ID, NodeId.ofKey("peer").toHex(), NodeId.ofKey("k").toHex());

  private final StateCodec codec = new StateCodec();

  @Test
  void theDocumentTheCasesChange_isValid() throws Exception {
    NodeState state = codec.read(new StringReader(VALID));

    assertThat(state.contacts()).hasSize(1);
    assertThat(state.values())
        .singleElement()
        .extracting(v -> v.value())
        .isEqualTo(Value.of("hello"));
    assertThat(state.published())
        .singleElement()
        .extracting(v -> v.value())
        .isEqualTo(new Value.Int(7));
  }

  @Test
  void fieldsInAnotherOrderAndUnknownFields_areRead() throws Exception {
    String json =
        VALID
            .replace(
                "\"type\": \"str\", \"value\": \"hello\"", "\"value\": \"hi\", \"type\": \"str\"")
            .replace("\"format\"", "\"comment\": \"edited by hand\", \"format\"");

    assertThat(codec.read(new StringReader(json)).values())
        .singleElement()
        .extracting(v -> v.value())
        .isEqualTo(Value.of("hi"));
  }

  static Stream<Arguments> badFiles() {
    return Stream.of(
        bad("not JSON", "{\"format\": ", "not valid JSON at line 1 column 12"),
        bad("empty", "", "the document: expected a JSON object, found null"),
        bad("two documents", "{} {}", "not valid JSON at line 1 column 5"),
        bad("an array", "[]", "the document: expected a JSON object, found []"),
        bad("no format", "{}", "format: expected \"kadscope-state\", found nothing"),
        edit(
            "format not a string",
            "\"format\": \"kadscope-state\"",
            "\"format\": 1",
            "format: expected a JSON string, found 1"),
        edit(
            "version as text",
            "\"version\": 1",
            "\"version\": \"1\"",
            "version: expected an integer, found \"1\""),
        edit(
            "no version",
            "\"version\": 1,",
            "",
            "version: expected 1, found nothing (written by another release)"),
        edit("id too short", ID, "abc", "id: expected 40 hex digits, found \"abc\""),
        edit(
            "id not hex",
            ID,
            "z".repeat(40),
            "id: expected 40 hex digits, found \"" + "z".repeat(40) + "\""),
        edit("no id", "\"id\": \"" + ID + "\",", "", "id: missing"),
        edit(
            "contacts an object",
            "\"contacts\": [",
            "\"contacts\": {}, \"x\": [",
            "contacts: expected a JSON array, found {}"),
        edit(
            "a null contact",
            "\"contacts\": [",
            "\"contacts\": [null, ",
            "contacts[0]: expected a JSON object, found null"),
        edit(
            "port as text",
            "\"port\": 7123",
            "\"port\": \"7123\"",
            "contacts[0].port: expected an integer, found \"7123\""),
        edit(
            "port zero",
            "\"port\": 7123",
            "\"port\": 0",
            "contacts[0].port: expected 1..65535, found 0"),
        edit(
            "port too large",
            "\"port\": 7123",
            "\"port\": 65536",
            "contacts[0].port: expected 1..65535, found 65536"),
        edit(
            "port a fraction",
            "\"port\": 7123",
            "\"port\": 71.5",
            "contacts[0].port: expected an integer, found 71.5"),
        edit("no port", ", \"port\": 7123", "", "contacts[0].port: missing"),
        edit(
            "host a name",
            "\"10.0.0.2\"",
            "\"node0\"",
            "contacts[0].host: expected an IP address, found \"node0\""),
        edit("no values", "\"values\"", "\"old-values\"", "values: missing"),
        edit(
            "original as text",
            "\"original\": true",
            "\"original\": \"true\"",
            "values[0].original: expected true or false, found \"true\""),
        edit(
            "storedAt not an instant",
            "\"storedAt\": \"2025-01-01T00:00:00Z\"",
            "\"storedAt\": \"yesterday\"",
            "values[0].storedAt: expected an ISO-8601 instant, found \"yesterday\""),
        edit(
            "an unknown type",
            "\"type\": \"str\"",
            "\"type\": \"list\"",
            "values[0].type: expected str, bytes, int, float or bool, found \"list\""),
        edit(
            "a str that is a number",
            "\"value\": \"hello\"",
            "\"value\": 5",
            "values[0].value: expected a JSON string, found 5"),
        edit(
            "bytes not in base64",
            "\"type\": \"str\", \"value\": \"hello\"",
            "\"type\": \"bytes\", \"value\": \"not base64!\"",
            "values[0].value: expected base64 text, found \"not base64!\""),
        edit(
            "a float as other text",
            "\"type\": \"str\", \"value\": \"hello\"",
            "\"type\": \"float\", \"value\": \"nan\"",
            "values[0].value: expected a number, NaN, Infinity or -Infinity, found \"nan\""),
        edit(
            "a bool as a number",
            "\"type\": \"str\", \"value\": \"hello\"",
            "\"type\": \"bool\", \"value\": 1",
            "values[0].value: expected true or false, found 1"),
        edit(
            "an int that is a fraction",
            "\"type\": \"str\", \"value\": \"hello\"",
            "\"type\": \"int\", \"value\": 1.5",
            "values[0].value: expected a 64-bit integer, found 1.5"),
        edit(
            "a value that is an object",
            "\"value\": \"hello\"",
            "\"value\": {\"a\": 1}",
            "values[0].value: expected a JSON string, found {\"a\":1}"),
        edit("no value", "\"value\": \"hello\",", "", "values[0].value: missing"),
        edit(
            "a published value's bad int",
            "\"value\": 7",
            "\"value\": 9223372036854775808",
            "published[0].value: expected a 64-bit integer, found 9223372036854775808"),
        edit(
            "published null",
            "\"published\": [",
            "\"published\": null, \"x\": [",
            "published: expected a JSON array, found null"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void read_namesTheFieldAndWhatItHeld(String what, String json, String message) {
    assertThatThrownBy(() -> codec.read(new StringReader(json)))
        .isInstanceOf(StateFormatException.class)
        .hasMessage(message);
  }

  private static Arguments bad(String what, String json, String message) {
    return Arguments.of(what, json, message);
  }

  /** {@link #VALID} with the first {@code from} (which must occur in it) replaced by {@code to}. */
  private static Arguments edit(String what, String from, String to, String message) {
    if (!VALID.contains(from)) {
      throw new IllegalArgumentException("case '" + what + "': the document has no " + from);
    }
    return Arguments.of(
        what, VALID.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to)), message);
  }
}
