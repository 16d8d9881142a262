package io.kadscope.gui.testnet;

import io.kadscope.engine.NodeFactory;
import io.kadscope.transport.UdpNodeFactory;

/** The node factory the GUI tests run on: real UDP on 127.0.0.1, as the application does. */
public final class TestNetworks {
  private TestNetworks() {}

  /** A fresh factory: nodes it makes reach each other (and those of other factories) by address. */
  public static NodeFactory factory() {
    return new UdpNodeFactory();
  }
}
