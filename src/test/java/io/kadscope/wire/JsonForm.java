package io.kadscope.wire;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import java.util.HexFormat;

/** Renders records in the JSON form of the reference file's "decoded" fields. */
final class JsonForm {
  private JsonForm() {}

  static JsonElement of(Request r) {
    JsonArray args =
        switch (r.kind()) {
          case PING -> array(bin(r.sender().toBytes()));
          case STORE -> {
            Request.Store s = (Request.Store) r;
            yield array(bin(s.sender().toBytes()), bin(s.key().toBytes()), of(s.value()));
          }
          case FIND_NODE ->
              array(bin(r.sender().toBytes()), bin(((Request.FindNode) r).target().toBytes()));
          case FIND_VALUE ->
              array(bin(r.sender().toBytes()), bin(((Request.FindValue) r).key().toBytes()));
          case STUN -> array();
        };
    return array(new JsonPrimitive(r.kind().label()), args);
  }

  private static JsonArray array(JsonElement... items) {
    JsonArray out = new JsonArray();
    for (JsonElement e : items) {
      out.add(e);
    }
    return out;
  }

  static JsonElement of(Response r) {
    return switch (r.kind()) {
      case PING_REPLY -> bin(((Response.PingReply) r).responder().toBytes());
      case STORE_REPLY -> new JsonPrimitive(((Response.StoreReply) r).stored());
      case NODES -> {
        JsonArray out = new JsonArray();
        for (Contact c : ((Response.Nodes) r).contacts()) {
          JsonArray t = new JsonArray();
          t.add(bin(c.id().toBytes()));
          t.add(c.host());
          t.add(c.port());
          out.add(t);
        }
        yield out;
      }
      case FOUND_VALUE -> {
        JsonObject o = new JsonObject();
        o.add("value", of(((Response.FoundValue) r).value()));
        yield o;
      }
      case STUN_REPLY -> {
        Response.StunReply s = (Response.StunReply) r;
        JsonArray out = new JsonArray();
        out.add(s.host());
        out.add(s.port());
        yield out;
      }
    };
  }

  static JsonElement of(Value v) {
    if (v instanceof Value.Str s) {
      return new JsonPrimitive(s.value());
    } else if (v instanceof Value.Bin b) {
      return bin(b.value());
    } else if (v instanceof Value.Int i) {
      return new JsonPrimitive(i.value());
    } else if (v instanceof Value.Float f) {
      return new JsonPrimitive(f.value());
    }
    return new JsonPrimitive(((Value.Bool) v).value());
  }

  static JsonObject bin(byte[] bytes) {
    JsonObject o = new JsonObject();
    o.addProperty("bin", HexFormat.of().formatHex(bytes));
    return o;
  }

  static NodeId id(String hex) {
    return NodeId.fromHex(hex);
  }
}
