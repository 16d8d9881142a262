package io.kadscope.persist;

import io.kadscope.engine.NodeState;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file a node saves its state to and comes back from. Writes are atomic: the JSON goes to a
 * temporary file in the same directory, is forced to disk, and replaces the old file by an atomic
 * rename, so a crash or a failed write leaves the previous state intact. A file that cannot be read
 * as a state is never overwritten: it is renamed aside ({@code FILE.corrupt-<timestamp>}) with a
 * warning that names both paths.
 */
public final class StateFile {
  private static final Logger log = LoggerFactory.getLogger(StateFile.class);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Path path;
  private final StateCodec codec;
  private final Clock clock;

  /** The state file at {@code path}, in the standard JSON layout. */
  public StateFile(Path path) {
    this(path, new StateCodec(), Clock.systemUTC());
  }

  /** With another codec (tests make one fail) and a clock for the names of corrupt files. */
  public StateFile(Path path, StateCodec codec, Clock clock) {
    this.path = path.toAbsolutePath().normalize();
    this.codec = codec;
    this.clock = clock;
  }

  /** Where the state lives. */
  public Path path() {
    return path;
  }

  /**
   * The saved state, or empty when there is none yet, or when the file could not be read: then it
   * has been renamed aside (logged at WARN) and the node starts fresh.
   *
   * @throws UncheckedIOException when an unreadable file cannot even be moved aside (so starting
   *     fresh would overwrite it later)
   */
  public Optional<NodeState> load() {
    String problem;
    Exception cause;
    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return Optional.of(codec.read(in));
    } catch (NoSuchFileException e) {
      log.info("No state file at {} yet: starting fresh; it will be written there", path);
      return Optional.empty();
    } catch (StateFormatException e) {
      problem = e.getMessage();
      cause = e;
    } catch (IOException | RuntimeException e) {
      problem = e.toString();
      cause = e;
    }
    Path aside =
        path.resolveSibling(path.getFileName() + ".corrupt-" + STAMP.format(clock.instant()));
    try {
      for (int n = 1; Files.exists(aside); n++) {
        aside =
            path.resolveSibling(
                path.getFileName() + ".corrupt-" + STAMP.format(clock.instant()) + "-" + n);
      }
      Files.move(path, aside);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the state file "
              + path
              + " ("
              + problem
              + ") nor move it aside to "
              + aside
              + ": "
              + e.getMessage(),
          e);
    }
    log.warn(
        "State file {} is unreadable ({}): moved it aside to {} and starting fresh",
        path,
        problem,
        aside);
    log.debug("Why the state file was unreadable", cause);
    return Optional.empty();
  }

  /**
   * Saves {@code state} atomically. On failure the previous file is left as it was and the
   * temporary file is removed.
   */
  public void save(NodeState state) throws IOException {
    Path dir = path.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, path.getFileName() + ".", ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
          Writer out = Channels.newWriter(ch, StandardCharsets.UTF_8)) {
        codec.write(state, out);
        out.flush();
        ch.force(true);
      }
      Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }
}
