/**
 * Lookups as in Fig. 2 of the paper: traces built from engine events, stepped through, saved as
 * JSON.
 */
package io.kadscope.gui.lookup;
