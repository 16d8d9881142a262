/** The RPCs in and out of the node: exact counts, a capped filterable table, rates. */
package io.kadscope.gui.traffic;
