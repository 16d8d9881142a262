/**
 * The JavaFX visualiser: a window onto one live Kademlia node. Entered through {@link
 * io.kadscope.gui.GuiMain#launch}; reads the engine only through snapshots, events and the node's
 * public operations; makes nodes only with the {@link io.kadscope.engine.NodeFactory} it is given.
 */
package io.kadscope.gui;
