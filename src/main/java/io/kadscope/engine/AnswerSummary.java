package io.kadscope.engine;

import io.kadscope.engine.rpc.Response;

/**
 * An answer in a few words, as {@link io.kadscope.engine.event.EngineEvent.RpcAnswered} says it.
 */
final class AnswerSummary {
  private AnswerSummary() {}

  /** What came back, in a few words, for the {@link EngineEvent.RpcAnswered} event. */
  static String of(Response r) {
    return switch (r.kind()) {
      case PING_REPLY -> "id " + ((Response.PingReply) r).responder().shortHex(8);
      case STORE_REPLY -> ((Response.StoreReply) r).stored() ? "stored" : "refused";
      case NODES -> ((Response.Nodes) r).contacts().size() + " contacts";
      case FOUND_VALUE -> "value (" + ((Response.FoundValue) r).value().typeName() + ")";
      case STUN_REPLY -> {
        Response.StunReply s = (Response.StunReply) r;
        yield s.host() + ":" + s.port();
      }
      case PEERS -> {
        Response.Peers p = (Response.Peers) r;
        yield p.peers().size() + " peers, " + p.contacts().size() + " contacts";
      }
      case ITEM -> {
        Response.ItemReply i = (Response.ItemReply) r;
        yield (i.item().isPresent()
                ? "item (" + i.item().get().length() + " bytes)"
                : i.seq().isPresent() ? "seq " + i.seq().getAsLong() : "no item")
            + ", "
            + i.contacts().size()
            + " contacts";
      }
      case REFUSED -> {
        Response.Refused f = (Response.Refused) r;
        yield "refused: " + f.code() + " " + f.message();
      }
    };
  }
}
