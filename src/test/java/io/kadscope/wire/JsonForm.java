package io.kadscope.wire;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
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
    JsonArray args = new JsonArray();
    if (r instanceof Request.Ping p) {
      args.add(bin(p.sender().toBytes()));
    } else if (r instanceof Request.Store s) {
      args.add(bin(s.sender().toBytes()));
      args.add(bin(s.key().toBytes()));
      args.add(of(s.value()));
    } else if (r instanceof Request.FindNode f) {
      args.add(bin(f.sender().toBytes()));
      args.add(bin(f.target().toBytes()));
    } else if (r instanceof Request.FindValue f) {
      args.add(bin(f.sender().toBytes()));
      args.add(bin(f.key().toBytes()));
    }
    JsonArray out = new JsonArray();
    out.add(r.kind().label());
    out.add(args);
    return out;
  }

  static JsonElement of(Response r) {
    if (r instanceof Response.PingReply p) {
      return bin(p.responder().toBytes());
    } else if (r instanceof Response.StoreReply s) {
      return new JsonPrimitive(s.stored());
    } else if (r instanceof Response.Nodes n) {
      JsonArray out = new JsonArray();
      for (Contact c : n.contacts()) {
        JsonArray t = new JsonArray();
        t.add(bin(c.id().toBytes()));
        t.add(c.host());
        t.add(c.port());
        out.add(t);
      }
      return out;
    } else if (r instanceof Response.FoundValue v) {
      JsonObject o = new JsonObject();
      o.add("value", of(v.value()));
      return o;
    } else if (r instanceof Response.StunReply s) {
      JsonArray out = new JsonArray();
      out.add(s.host());
      out.add(s.port());
      return out;
    }
    return JsonNull.INSTANCE;
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
