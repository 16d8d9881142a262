package io.kadscope.gui.main;

import io.kadscope.gui.common.SnapshotCache;
import io.kadscope.gui.session.NodeSession;
import io.kadscope.gui.traffic.TrafficViewModel;
import java.net.InetSocketAddress;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;

/** The window's frame: the title and the status bar (address, id, contacts, RPC rates, news). */
public final class MainViewModel {
  private final NodeSession session;
  private final SnapshotCache model;
  private final TrafficViewModel traffic;
  private final StringProperty status = new SimpleStringProperty("starting…");

  public MainViewModel(NodeSession session, SnapshotCache model, TrafficViewModel traffic) {
    this.session = session;
    this.model = model;
    this.traffic = traffic;
  }

  /** The node's address, {@code 127.0.0.1:41000}. */
  public String address() {
    InetSocketAddress a = session.address();
    String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
    return host + ":" + a.getPort();
  }

  /** The id's first hex digits. */
  public String idPrefix() {
    return session.id().shortHex(10) + "…";
  }

  /** The window title. */
  public String title() {
    return "KadScope — node " + address() + "  id " + idPrefix();
  }

  /** {@code 14 contacts · k = 4}. */
  public ObservableStringValue contactsText() {
    return Bindings.createStringBinding(
        () ->
            model.routingProperty().get() == null
                ? ""
                : model.routingProperty().get().size()
                    + (model.routingProperty().get().size() == 1 ? " contact" : " contacts")
                    + " · k = "
                    + model.routingProperty().get().k(),
        model.routingProperty());
  }

  /** {@code RPC out 12.4/s · in 8.0/s}. */
  public ObservableStringValue ratesText() {
    return Bindings.createStringBinding(
        () ->
            String.format(
                "RPC out %.1f/s · in %.1f/s",
                traffic.outRateProperty().get(), traffic.inRateProperty().get()),
        traffic.outRateProperty(),
        traffic.inRateProperty());
  }

  /** The latest news: start-up progress, what the network is doing. */
  public ReadOnlyStringProperty statusProperty() {
    return status;
  }

  /** Sets the news line. */
  public void setStatus(String s) {
    status.set(s);
  }
}
