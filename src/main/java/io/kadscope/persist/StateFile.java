package io.kadscope.persist;

import io.kadscope.engine.NodeState;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file a node saves its state to and comes back from.
 *
 * <p>Writes are atomic: the JSON goes to a temporary file in the same directory ({@code
 * FILE.saving-<n>.tmp}), is forced to disk, and replaces the old file by an atomic rename, after
 * which the directory is forced too; so a crash at any moment leaves the old file or the new one,
 * never a torn one. A temporary file left by a save that a crash interrupted is removed by the next
 * {@link #open}. A file that cannot be read as a state is never overwritten: it is renamed aside
 * ({@code FILE.corrupt-<timestamp>}) with a warning that names both paths.
 *
 * <p>{@link #open} checks, before the node starts, that the state can be kept here at all (not a
 * directory, the directory writable) and takes a lock ({@code FILE.lock}) so that two peers never
 * write one file; {@link #close} releases it.
 */
public final class StateFile implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StateFile.class);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  /**
   * The largest state file read: far above what a node within its storage quotas writes (64 MiB of
   * values take about 90 MiB of JSON and base64), and at most a quarter of the heap, since the file
   * is parsed whole.
   */
  public static final long MAX_BYTES =
      Math.min(256L << 20, Math.max(16L << 20, Runtime.getRuntime().maxMemory() / 4));

  private static final AtomicLong SAVES = new AtomicLong();

  private final Path path;
  private final StateCodec codec;
  private final Clock clock;
  private final Pattern temporary;
  private FileChannel lockChannel;
  private FileLock lock;

  /** The state file at {@code path}, in the standard JSON layout. */
  public StateFile(Path path) {
    this(path, new StateCodec(), Clock.systemUTC());
  }

  /** With another codec (tests make one fail) and a clock for the names of corrupt files. */
  public StateFile(Path path, StateCodec codec, Clock clock) {
    this.path = path.toAbsolutePath().normalize();
    this.codec = codec;
    this.clock = clock;
    this.temporary =
        Pattern.compile(
            Pattern.quote(this.path.getFileName().toString())
                + "\\.(saving-[0-9]+-[0-9]+|[0-9]+)\\.tmp");
  }

  /** Where the state lives. */
  public Path path() {
    return path;
  }

  /**
   * Makes the file ready for a node's life: checks that it is not a directory and that its
   * directory exists (or is made) and can be written, takes the lock, and removes the temporary
   * files of a save that a crash interrupted. Call before {@link #load}.
   *
   * @throws UncheckedIOException saying what is wrong with the location, when the state could not
   *     be saved there (so a peer fails at start, not at its first save)
   */
  public synchronized void open() {
    if (Files.isDirectory(path)) {
      throw problem("is a directory; --state names the file to keep the state in", null);
    }
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(path)) {
      throw problem("is not a regular file", null);
    }
    Path dir = path.getParent();
    try {
      Files.createDirectories(dir);
    } catch (FileAlreadyExistsException e) {
      throw problem("cannot be created: " + e.getFile() + " is not a directory", e);
    } catch (IOException e) {
      throw problem("cannot be created: directory " + dir + " cannot be made (" + e + ")", e);
    }
    Path probe =
        dir.resolve(path.getFileName() + ".saving-" + ProcessHandle.current().pid() + "-0.tmp");
    try {
      Files.deleteIfExists(probe);
      Files.createFile(probe);
      Files.delete(probe);
    } catch (IOException e) {
      throw problem("cannot be written: directory " + dir + " is not writable (" + e + ")", e);
    }
    if (Files.exists(path) && !Files.isReadable(path)) {
      throw problem("cannot be read (permission denied)", null);
    }
    takeLock(dir);
    removeTemporaryFiles(dir);
  }

  private void takeLock(Path dir) {
    if (lock != null) {
      return;
    }
    Path lockPath = dir.resolve(path.getFileName() + ".lock");
    try {
      lockChannel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      closeLockChannel();
      throw problem("cannot be locked (" + lockPath + ": " + e + ")", e);
    }
    if (lock == null) {
      closeLockChannel();
      throw problem(
          "is in use by another running peer (it holds " + lockPath + "); give each peer its own",
          null);
    }
  }

  private void removeTemporaryFiles(Path dir) {
    List<Path> left = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        if (temporary.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p)) {
          left.add(p);
        }
      }
    } catch (IOException e) {
      log.warn("Could not look for interrupted saves in {}: {}", dir, e.toString());
      return;
    }
    for (Path p : left) {
      try {
        Files.deleteIfExists(p);
        log.info("Removed {}, left by a save that was interrupted", p);
      } catch (IOException e) {
        log.warn("Could not remove {}, left by an interrupted save: {}", p, e.toString());
      }
    }
  }

  /** Releases the lock taken by {@link #open}; the files stay. */
  @Override
  public synchronized void close() {
    if (lock != null) {
      try {
        lock.release();
      } catch (IOException e) {
        log.debug("Releasing the lock of {}: {}", path, e.toString());
      }
      lock = null;
    }
    closeLockChannel();
  }

  private void closeLockChannel() {
    if (lockChannel != null) {
      try {
        lockChannel.close();
      } catch (IOException e) {
        log.debug("Closing the lock of {}: {}", path, e.toString());
      }
      lockChannel = null;
    }
  }

  private UncheckedIOException problem(String what, Exception cause) {
    String message = "the state file " + path + " " + what;
    return new UncheckedIOException(message, new IOException(message, cause));
  }

  /**
   * The saved state, or empty when there is none yet, or when the file does not hold a state: then
   * it has been renamed aside (logged at WARN) and the node starts fresh.
   *
   * @throws UncheckedIOException when the file cannot be read at all (a directory, no permission),
   *     or an unreadable file cannot even be moved aside (so starting fresh would overwrite it
   *     later)
   */
  public Optional<NodeState> load() {
    if (Files.isDirectory(path)) {
      throw problem("is a directory; --state names the file to keep the state in", null);
    }
    String problem;
    Exception cause;
    try {
      long size = Files.size(path);
      if (size > MAX_BYTES) {
        problem =
            size
                + " bytes long, larger than any state this peer writes (at most "
                + MAX_BYTES
                + " bytes read)";
        cause = null;
      } else {
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
          return Optional.of(codec.read(in));
        }
      }
    } catch (NoSuchFileException e) {
      log.info("No state file at {} yet: starting fresh; it will be written there", path);
      return Optional.empty();
    } catch (StateFormatException e) {
      problem = e.getMessage();
      cause = e;
    } catch (CharacterCodingException e) {
      problem = "not UTF-8 text";
      cause = e;
    } catch (IOException e) {
      throw problem("cannot be read: " + e, e);
    } catch (RuntimeException e) {
      problem = e.toString();
      cause = e;
    }
    Path aside = moveAside(problem);
    log.warn(
        "State file {} is unreadable ({}): moved it aside to {} and starting fresh",
        path,
        problem,
        aside);
    if (cause != null) {
      log.debug("Why the state file was unreadable", cause);
    }
    return Optional.empty();
  }

  private Path moveAside(String problem) {
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
    return aside;
  }

  /**
   * Saves {@code state} atomically. On failure the previous file is left as it was and the
   * temporary file is removed.
   */
  public void save(NodeState state) throws IOException {
    Path dir = path.getParent();
    Files.createDirectories(dir);
    Path tmp =
        dir.resolve(
            path.getFileName()
                + ".saving-"
                + ProcessHandle.current().pid()
                + "-"
                + SAVES.incrementAndGet()
                + ".tmp");
    try {
      try (FileChannel ch =
              FileChannel.open(
                  tmp,
                  StandardOpenOption.CREATE_NEW,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.TRUNCATE_EXISTING);
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
    forceDirectory(dir);
  }

  /** Makes the rename itself durable: on Linux a directory is forced like a file. */
  private static void forceDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not every platform opens a directory as a channel; the file itself was forced.
    }
  }
}
