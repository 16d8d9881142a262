package io.kadscope.mainline;

import io.kadscope.krpc.ErrorCode;
import java.util.Objects;

/** What a storing node does with a BEP 44 {@code put}: store the item, or refuse with an error. */
public sealed interface PutDecision permits PutDecision.Store, PutDecision.Refuse {

  /** Store {@code item} under its target, replacing what is there. */
  record Store(Item item) implements PutDecision {
    public Store {
      Objects.requireNonNull(item, "item");
    }
  }

  /** Refuse the put: answer with the KRPC error {@code code} and {@code message}. */
  record Refuse(ErrorCode code, String message) implements PutDecision {
    public Refuse {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }
}
