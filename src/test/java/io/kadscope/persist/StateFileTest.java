package io.kadscope.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.NodeState;
import io.kadscope.engine.Value;
import io.kadscope.engine.store.StoredValue;
import io.kadscope.testing.LogCapture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {
  private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T, ZoneOffset.UTC);

  @TempDir Path dir;

  private static NodeState state(String name) {
    return new NodeState(
        NodeId.ofKey(name),
        List.of(new Contact(NodeId.ofKey("peer"), new InetSocketAddress("10.0.0.3", 7123))),
        List.of(new StoredValue(NodeId.ofKey("k"), Value.of(name), T, true, T)));
  }

  @Test
  void load_returnsWhatSaveWrote() throws IOException {
    StateFile file = new StateFile(dir.resolve("node.json"));
    file.save(state("first"));
    file.save(state("second"));

    NodeState back = file.load().orElseThrow();

    assertThat(back.id()).isEqualTo(NodeId.ofKey("second"));
    assertThat(back.values()).extracting(StoredValue::value).containsExactly(Value.of("second"));
    assertThat(listing()).containsExactly("node.json");
  }

  @Test
  void load_ofAMissingFileStartsFresh() {
    assertThat(new StateFile(dir.resolve("none.json")).load()).isEmpty();
  }

  @Test
  void save_thatFailsWhileWritingLeavesTheOldFileIntactAndNoTemporaryFile() throws IOException {
    Path path = dir.resolve("node.json");
    new StateFile(path).save(state("old"));
    String before = Files.readString(path);
    StateCodec failing =
        new StateCodec() {
          @Override
          public void write(NodeState s, Writer out) throws IOException {
            out.write("{\"format\": \"kadscope-state\", \"id\": \"half-writ");
            out.flush();
            throw new IllegalStateException("serialisation failed half-way");
          }
        };

    assertThatThrownBy(() -> new StateFile(path, failing, CLOCK).save(state("new")))
        .hasMessage("serialisation failed half-way");

    assertThat(Files.readString(path)).isEqualTo(before);
    assertThat(new StateFile(path).load().orElseThrow().id()).isEqualTo(NodeId.ofKey("old"));
    assertThat(listing()).containsExactly("node.json");
  }

  @Test
  void load_ofACorruptFileMovesItAsideWithAWarningThatNamesBothPaths() throws IOException {
    Path path = dir.resolve("node.json");
    Files.writeString(path, "{\"format\": \"kadscope-state\", truncated", StandardCharsets.UTF_8);
    Path aside = dir.resolve("node.json.corrupt-20250301-120000");

    try (LogCapture logs = LogCapture.of(StateFile.class)) {
      assertThat(new StateFile(path, new StateCodec(), CLOCK).load()).isEmpty();

      assertThat(logs.lines())
          .singleElement(InstanceOfAssertFactories.STRING)
          .startsWith(
              "WARN State file " + path + " is unreadable (not valid JSON at line 1 column ")
          .endsWith("moved it aside to " + aside + " and starting fresh");
    }
    assertThat(path).doesNotExist();
    assertThat(aside).hasContent("{\"format\": \"kadscope-state\", truncated");
  }

  @Test
  void load_neverOverwritesAnEarlierCorruptCopy() throws IOException {
    Path path = dir.resolve("node.json");
    StateFile file = new StateFile(path, new StateCodec(), CLOCK);
    Files.writeString(path, "first garbage");
    file.load();
    Files.writeString(path, "second garbage");
    file.load();

    assertThat(dir.resolve("node.json.corrupt-20250301-120000")).hasContent("first garbage");
    assertThat(dir.resolve("node.json.corrupt-20250301-120000-1")).hasContent("second garbage");
  }

  @Test
  void save_afterACorruptLoadWritesAFreshFileBesideTheCorruptCopy() throws IOException {
    Path path = dir.resolve("node.json");
    Files.writeString(path, "[]");
    StateFile file = new StateFile(path, new StateCodec(), CLOCK);
    file.load();

    file.save(state("fresh"));

    assertThat(listing()).containsExactly("node.json", "node.json.corrupt-20250301-120000");
    assertThat(file.load().orElseThrow().id()).isEqualTo(NodeId.ofKey("fresh"));
  }

  private List<String> listing() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void open_ofADirectory_failsSayingSo_andLeavesTheDirectoryWhereItIs() throws IOException {
    Path d = Files.createDirectory(dir.resolve("state"));
    Files.writeString(d.resolve("mine.txt"), "keep me");
    StateFile file = new StateFile(d);

    assertThatThrownBy(file::open)
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage(
            "the state file " + d + " is a directory; --state names the file to keep the state in");
    assertThatThrownBy(file::load).hasMessageContaining("is a directory");
    assertThat(d.resolve("mine.txt")).hasContent("keep me");
    assertThat(listing()).containsExactly("state");
  }

  @Test
  void open_whereNoDirectoryCanBeMade_failsNamingWhatIsInTheWay() throws IOException {
    Path blocker = Files.writeString(dir.resolve("plain-file"), "x");
    StateFile file = new StateFile(blocker.resolve("node.json"));

    assertThatThrownBy(file::open)
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith("the state file " + blocker.resolve("node.json") + " cannot be")
        .hasMessageContaining(blocker.toString());
  }

  @Test
  void open_ofAReadOnlyDirectory_failsAtOnce_notAtTheFirstSave() throws IOException {
    Path ro = Files.createDirectory(dir.resolve("ro"));
    ro.toFile().setWritable(false, false);
    try {
      assumeFalse(Files.isWritable(ro), "root writes anywhere: no read-only directory to test");
      StateFile file = new StateFile(ro.resolve("node.json"));

      assertThatThrownBy(file::open)
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageStartingWith(
              "the state file "
                  + ro.resolve("node.json")
                  + " cannot be written: directory "
                  + ro
                  + " is not writable");
    } finally {
      ro.toFile().setWritable(true, false);
    }
  }

  @Test
  void open_removesTheTemporaryFilesOfAnInterruptedSave_andNothingElse() throws IOException {
    Path path = dir.resolve("node.json");
    new StateFile(path).save(state("kept"));
    Files.writeString(dir.resolve("node.json.saving-4242-7.tmp"), "{\"format\": \"kadscope-st");
    Files.writeString(dir.resolve("node.json.1234567890.tmp"), "{"); // an earlier release's name
    Files.writeString(dir.resolve("other.json.saving-1-1.tmp"), "not ours");
    Files.writeString(dir.resolve("node.json.notes"), "not a temporary file");

    try (StateFile file = new StateFile(path)) {
      file.open();

      assertThat(listing())
          .containsExactly(
              "node.json", "node.json.lock", "node.json.notes", "other.json.saving-1-1.tmp");
      assertThat(file.load().orElseThrow().id()).isEqualTo(NodeId.ofKey("kept"));
    }
  }

  @Test
  void open_twiceOnOneFile_isRefusedWhileTheFirstHoldsIt() {
    Path path = dir.resolve("node.json");
    try (StateFile first = new StateFile(path)) {
      first.open();
      StateFile second = new StateFile(path);

      assertThatThrownBy(second::open)
          .hasMessageStartingWith("the state file " + path + " is in use by another running peer");
    }
    try (StateFile again = new StateFile(path)) {
      again.open(); // released by close()
    }
  }

  @Test
  void load_ofAFileLargerThanAnyState_movesItAsideWithoutReadingIt() throws IOException {
    Path path = dir.resolve("node.json");
    try (var ch =
        java.nio.channels.FileChannel.open(
            path,
            java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {'{'}), StateFile.MAX_BYTES + 10);
    }

    try (LogCapture logs = LogCapture.of(StateFile.class)) {
      assertThat(new StateFile(path, new StateCodec(), CLOCK).load()).isEmpty();

      assertThat(logs.lines())
          .singleElement(InstanceOfAssertFactories.STRING)
          .contains("larger than any state this peer writes");
    }
    assertThat(dir.resolve("node.json.corrupt-20250301-120000")).exists();
  }

  @Test
  void load_ofAFileThatIsNotUtf8_movesItAsideSayingSo() throws IOException {
    Path path = dir.resolve("node.json");
    Files.write(path, new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'});

    try (LogCapture logs = LogCapture.of(StateFile.class)) {
      assertThat(new StateFile(path, new StateCodec(), CLOCK).load()).isEmpty();

      assertThat(logs.lines())
          .singleElement(InstanceOfAssertFactories.STRING)
          .contains("(not UTF-8 text)");
    }
  }
}
