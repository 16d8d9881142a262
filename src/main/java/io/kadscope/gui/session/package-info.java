/**
 * The window's node and its surroundings, without JavaFX: the node made from the launch's factory,
 * the local network of peers in this process, the seeded values and the names of keys.
 */
package io.kadscope.gui.session;
