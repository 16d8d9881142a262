package io.kadscope.krpc;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The datagrams recorded from libtorrent sessions (test resource mainline/reference-datagrams.json,
 * made by mainline/record_datagrams.py).
 */
public final class LibtorrentDatagrams {
  private LibtorrentDatagrams() {}

  /**
   * One recorded datagram; {@code answers} names the query a response or error answers; a {@code
   * malformed} query was sent that way on purpose, to record libtorrent's error.
   */
  public record Entry(
      String name,
      String from,
      String kind,
      byte[] bytes,
      String answers,
      Integer code,
      String message,
      boolean malformed) {
    public boolean isQuery() {
      return kind.equals("query");
    }

    @Override
    public String toString() {
      return name + " (" + kind + " from " + from + ")";
    }
  }

  /** Every recorded datagram, in the order recorded. */
  public static List<Entry> all() {
    try (InputStream in =
        LibtorrentDatagrams.class.getResourceAsStream("/mainline/reference-datagrams.json")) {
      if (in == null) {
        throw new IllegalStateException("test resource mainline/reference-datagrams.json missing");
      }
      JsonObject root =
          JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
              .getAsJsonObject();
      JsonArray datagrams = root.getAsJsonArray("datagrams");
      List<Entry> out = new ArrayList<>();
      for (int i = 0; i < datagrams.size(); i++) {
        JsonObject d = datagrams.get(i).getAsJsonObject();
        out.add(
            new Entry(
                d.get("name").getAsString(),
                d.get("from").getAsString(),
                d.get("kind").getAsString(),
                HexFormat.of().parseHex(d.get("hex").getAsString()),
                d.has("answers") ? d.get("answers").getAsString() : null,
                d.has("code") ? d.get("code").getAsInt() : null,
                d.has("message") ? d.get("message").getAsString() : null,
                d.has("malformed") && d.get("malformed").getAsBoolean()));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The datagram named {@code name}. */
  public static Entry named(String name) {
    return all().stream()
        .filter(e -> e.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no recorded datagram named " + name));
  }
}
