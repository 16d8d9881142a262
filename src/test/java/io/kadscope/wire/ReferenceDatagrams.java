package io.kadscope.wire;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
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

/** The 40 datagrams recorded from Python rpcudp nodes (test resource protocol/...json). */
final class ReferenceDatagrams {
  private ReferenceDatagrams() {}

  /** One recorded datagram. */
  record Entry(
      int index, String from, String kind, String msgId, byte[] bytes, JsonElement decoded) {
    boolean isRequest() {
      return kind.equals("request");
    }

    @Override
    public String toString() {
      return "#" + index + " " + kind + " from " + from + " " + msgId.substring(0, 8);
    }
  }

  static List<Entry> all() {
    try (InputStream in =
        ReferenceDatagrams.class.getResourceAsStream("/protocol/reference-datagrams.json")) {
      if (in == null) {
        throw new IllegalStateException("test resource protocol/reference-datagrams.json missing");
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
                i,
                d.get("from").getAsString(),
                d.get("kind").getAsString(),
                d.get("msg_id").getAsString(),
                HexFormat.of().parseHex(d.get("hex").getAsString()),
                d.get("decoded")));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The request datagram with message id {@code msgId}. */
  static Entry requestFor(String msgId) {
    return all().stream()
        .filter(e -> e.isRequest() && e.msgId().equals(msgId))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no request with msg_id " + msgId));
  }
}
