package io.kadscope.mainline;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kadscope.krpc.Id160;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives test resource {@code mainline/lt_swarm.py}: libtorrent sessions on 127.0.0.1 forming a
 * private Mainline DHT, commanded by JSON lines. Each command returns a future of its reply; {@link
 * #close()} asks the script to quit and ends the process if it does not.
 *
 * <pre>{@code
 * assumeTrue(LibtorrentSwarm.available(), LibtorrentSwarm.unavailableReason());
 * try (LibtorrentSwarm swarm = LibtorrentSwarm.start(4)) {
 *   swarm.waitFormed();
 *   Id160 target = swarm.putImmutable(0, "hello");
 *   Optional<String> got = swarm.getImmutable(2, target);
 * }
 * }</pre>
 *
 * <p>The interpreter is {@code /usr/bin/python3} (Debian's python3-libtorrent is built for it), or
 * the system property {@code kadscope.python}.
 */
public final class LibtorrentSwarm implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LibtorrentSwarm.class);
  private static final String PYTHON = System.getProperty("kadscope.python", "/usr/bin/python3");
  private static final long REPLY_SECONDS = 60;
  private static volatile String unavailable;
  private static volatile boolean probed;

  private final Process process;
  private final Writer stdin;
  private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
  private final CompletableFuture<List<Session>> ready = new CompletableFuture<>();
  private final AtomicInteger ids = new AtomicInteger();

  /** One libtorrent session: its index in commands, its DHT port on 127.0.0.1, its node id. */
  public record Session(int index, int port, Id160 nodeId) {
    /** Where its DHT listens. */
    public InetSocketAddress address() {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }
  }

  /** A node in a session's routing table. */
  public record TableEntry(Id160 id, InetSocketAddress address) {}

  /** A failure the script reported for a command. */
  public static final class SwarmException extends RuntimeException {
    SwarmException(String message) {
      super(message);
    }
  }

  private LibtorrentSwarm(Process process) {
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread out = new Thread(this::readReplies, "lt_swarm stdout");
    out.setDaemon(true);
    out.start();
    Thread err = new Thread(this::readLog, "lt_swarm stderr");
    err.setDaemon(true);
    err.start();
  }

  /** Whether the interpreter runs and imports libtorrent; checked once. */
  public static synchronized boolean available() {
    if (!probed) {
      unavailable = probe();
      probed = true;
    }
    return unavailable == null;
  }

  /** Why {@link #available()} is false, for a skipped test's message. */
  public static String unavailableReason() {
    available();
    return unavailable == null ? "" : unavailable;
  }

  private static String probe() {
    String cmd = PYTHON + " -c \"import libtorrent\"";
    try {
      Process p =
          new ProcessBuilder(PYTHON, "-c", "import libtorrent").redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return cmd + " did not end within 30 s";
      }
      return p.exitValue() == 0
          ? null
          : cmd + " failed (install python3-libtorrent): " + output.strip();
    } catch (IOException e) {
      return cmd + " could not start: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return cmd + " was interrupted";
    }
  }

  /** Starts {@code sessions} sessions and waits until each listens. */
  public static LibtorrentSwarm start(int sessions) throws IOException {
    Path script = script();
    Process p =
        new ProcessBuilder(PYTHON, script.toString(), "--sessions", Integer.toString(sessions))
            .start();
    LibtorrentSwarm swarm = new LibtorrentSwarm(p);
    try {
      swarm.ready.get(REPLY_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      swarm.close();
      throw new IOException("lt_swarm.py did not get ready: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      swarm.close();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while lt_swarm.py started", e);
    }
    return swarm;
  }

  private static Path script() throws IOException {
    URL url = LibtorrentSwarm.class.getResource("/mainline/lt_swarm.py");
    if (url == null) {
      throw new IOException("test resource mainline/lt_swarm.py missing");
    }
    if ("file".equals(url.getProtocol())) {
      try {
        return Path.of(url.toURI());
      } catch (URISyntaxException e) {
        throw new IOException(e);
      }
    }
    Path copy = Files.createTempFile("lt_swarm", ".py");
    copy.toFile().deleteOnExit();
    try (InputStream in = url.openStream()) {
      Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
    }
    return copy;
  }

  /** The sessions, as the script reported them when ready. */
  public List<Session> sessions() {
    return ready.join();
  }

  /** Session {@code index}. */
  public Session session(int index) {
    return sessions().get(index);
  }

  /** Sends a command; the future completes with its reply, or fails with its error. */
  public CompletableFuture<JsonObject> call(String cmd, JsonObject args) {
    int id = ids.incrementAndGet();
    JsonObject line = args.deepCopy();
    line.addProperty("id", id);
    line.addProperty("cmd", cmd);
    CompletableFuture<JsonObject> reply = new CompletableFuture<>();
    pending.put(id, reply);
    try {
      synchronized (stdin) {
        stdin.write(line + "\n");
        stdin.flush();
      }
    } catch (IOException e) {
      pending.remove(id);
      reply.completeExceptionally(e);
    }
    return reply;
  }

  /** Waits until every session has all the others in its table. */
  public void waitFormed() {
    await(call("wait_formed", new JsonObject()));
  }

  /** Gives every session the node at {@code address}. */
  public void addNode(InetSocketAddress address) {
    JsonObject a = new JsonObject();
    a.addProperty("host", address.getAddress().getHostAddress());
    a.addProperty("port", address.getPort());
    await(call("add_node", a));
  }

  /** Puts the string {@code value} as an immutable item from session {@code index}. */
  public Id160 putImmutable(int index, String value) {
    JsonObject a = sessionArg(index);
    a.addProperty("value", value);
    return Id160.fromHex(await(call("put_immutable", a)).get("target").getAsString());
  }

  /** The string stored as the immutable item {@code target}, as session {@code index} gets it. */
  public Optional<String> getImmutable(int index, Id160 target) {
    JsonObject a = sessionArg(index);
    a.addProperty("target", target.toHex());
    JsonObject r = await(call("get_immutable", a));
    return r.get("found").getAsBoolean()
        ? Optional.of(r.get("value").getAsString())
        : Optional.empty();
  }

  /** The mutable item of {@code publicKey} under {@code salt}, as session {@code index} gets it. */
  public JsonObject getMutable(int index, String publicKeyHex, String salt) {
    JsonObject a = sessionArg(index);
    a.addProperty("public_key", publicKeyHex);
    a.addProperty("salt", salt);
    return await(call("get_mutable", a));
  }

  /** Makes session {@code index} announce {@code infoHash}; the port it announces. */
  public int announce(int index, Id160 infoHash) {
    JsonObject a = sessionArg(index);
    a.addProperty("info_hash", infoHash.toHex());
    return await(call("announce", a)).get("port").getAsInt();
  }

  /** The peers session {@code index} finds for {@code infoHash}, once at least {@code min}. */
  public List<InetSocketAddress> getPeers(int index, Id160 infoHash, int min) {
    JsonObject a = sessionArg(index);
    a.addProperty("info_hash", infoHash.toHex());
    a.addProperty("min_peers", min);
    List<InetSocketAddress> out = new ArrayList<>();
    for (JsonElement e : await(call("get_peers", a)).getAsJsonArray("peers")) {
      String s = e.getAsString();
      int colon = s.lastIndexOf(':');
      // an IP literal, which InetSocketAddress parses without any lookup
      out.add(
          new InetSocketAddress(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1))));
    }
    return out;
  }

  /** The nodes in session {@code index}'s routing table. */
  public List<TableEntry> routingTable(int index) {
    return entries(await(call("routing_table", sessionArg(index))).getAsJsonArray("nodes"));
  }

  private static List<TableEntry> entries(JsonArray nodes) {
    List<TableEntry> out = new ArrayList<>();
    for (JsonElement e : nodes) {
      JsonObject n = e.getAsJsonObject();
      out.add(
          new TableEntry(
              Id160.fromHex(n.get("id").getAsString()),
              new InetSocketAddress(n.get("host").getAsString(), n.get("port").getAsInt())));
    }
    return out;
  }

  /** Session {@code index}'s routing table once it lists {@code id}; fails after 20 s. */
  public List<TableEntry> awaitInTable(int index, Id160 id) {
    JsonObject a = sessionArg(index);
    a.addProperty("node_id", id.toHex());
    return entries(await(call("wait_node", a)).getAsJsonArray("nodes"));
  }

  private static JsonObject sessionArg(int index) {
    JsonObject a = new JsonObject();
    a.addProperty("session", index);
    return a;
  }

  /** The reply, waited for at most a minute (the script's own waits end sooner). */
  public static JsonObject await(CompletableFuture<JsonObject> reply) {
    try {
      return reply.get(REPLY_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("lt_swarm.py gave no reply within " + REPLY_SECONDS + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for lt_swarm.py", e);
    }
  }

  private void readReplies() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        handle(line);
      }
    } catch (IOException e) {
      LOG.debug("lt_swarm.py stdout closed", e);
    }
    String end = "lt_swarm.py ended" + exitNote();
    ready.completeExceptionally(new SwarmException(end));
    pending.values().forEach(f -> f.completeExceptionally(new SwarmException(end)));
  }

  private String exitNote() {
    try {
      return process.waitFor(5, TimeUnit.SECONDS) ? " with exit code " + process.exitValue() : "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private void handle(String line) {
    JsonObject reply;
    try {
      reply = JsonParser.parseString(line).getAsJsonObject();
    } catch (RuntimeException e) {
      LOG.warn("lt_swarm.py wrote a line that is not a JSON object: {}", line);
      return;
    }
    if (reply.has("event") && "ready".equals(reply.get("event").getAsString())) {
      List<Session> sessions = new ArrayList<>();
      for (JsonElement e : reply.getAsJsonArray("sessions")) {
        JsonObject s = e.getAsJsonObject();
        sessions.add(
            new Session(
                s.get("index").getAsInt(),
                s.get("port").getAsInt(),
                Id160.fromHex(s.get("node_id").getAsString())));
      }
      ready.complete(List.copyOf(sessions));
      return;
    }
    JsonElement id = reply.get("id");
    CompletableFuture<JsonObject> f =
        id == null || id.isJsonNull() ? null : pending.remove(id.getAsInt());
    if (f == null) {
      LOG.warn("lt_swarm.py replied to no pending command: {}", line);
    } else if (reply.get("ok").getAsBoolean()) {
      f.complete(reply);
    } else {
      f.completeExceptionally(new SwarmException(reply.get("error").getAsString()));
    }
  }

  private void readLog() {
    try (BufferedReader err =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = err.readLine()) != null) {
        LOG.info("{}", line);
      }
    } catch (IOException e) {
      LOG.debug("lt_swarm.py stderr closed", e);
    }
  }

  /** Asks the script to quit, then ends the process if it has not within 10 s. */
  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        call("quit", new JsonObject()).get(10, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        LOG.debug("lt_swarm.py did not confirm quit", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      try {
        stdin.close();
      } catch (IOException e) {
        LOG.debug("lt_swarm.py stdin already closed", e);
      }
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
