package io.kadscope.gui.traffic;

import java.time.Instant;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One RPC in or out. An outgoing one starts pending and is completed by its answer or failure. */
public final class TrafficRow {
  /** Where an RPC stands. */
  public enum Status {
    PENDING,
    ANSWERED,
    TIMEOUT,
    FAILED,
    SERVED
  }

  private final Instant at;
  private final boolean outgoing;
  private final String rpc;
  private final String peer;
  private final StringProperty result = new SimpleStringProperty("…");
  private final StringProperty latency = new SimpleStringProperty("");
  private final ObjectProperty<Status> status = new SimpleObjectProperty<>(Status.PENDING);

  public TrafficRow(Instant at, boolean outgoing, String rpc, String peer) {
    this.at = at;
    this.outgoing = outgoing;
    this.rpc = rpc;
    this.peer = peer;
  }

  /** Records how it ended. */
  public void complete(Status s, String result, String latency) {
    this.status.set(s);
    this.result.set(result);
    this.latency.set(latency);
  }

  public Instant at() {
    return at;
  }

  /** {@code "→ out"} or {@code "← in"}. */
  public String direction() {
    return outgoing ? "→ out" : "← in";
  }

  public String rpc() {
    return rpc;
  }

  public String peer() {
    return peer;
  }

  public StringProperty resultProperty() {
    return result;
  }

  public StringProperty latencyProperty() {
    return latency;
  }

  public ObjectProperty<Status> statusProperty() {
    return status;
  }

  /** Whether the filter text occurs in any column (case-insensitive). */
  public boolean matches(String lowerCaseText) {
    return lowerCaseText.isEmpty()
        || direction().contains(lowerCaseText)
        || rpc.contains(lowerCaseText)
        || peer.toLowerCase(Locale.ROOT).contains(lowerCaseText)
        || result.get().toLowerCase(Locale.ROOT).contains(lowerCaseText);
  }
}
