/** The set / get / delete form and the value types it accepts. */
package io.kadscope.gui.store;
