package io.kadscope.gui.testnet;

import io.kadscope.engine.NodeFactory;

/** The node factory the GUI tests run on. */
public final class TestNetworks {
  private TestNetworks() {}

  /** A fresh factory: nodes it makes reach each other (and those of other factories) by address. */
  public static NodeFactory factory() {
    return new MemoryNetwork();
  }
}
