/** The ID ring: contacts as dots at their ids (or at their XOR distance), drawn on a canvas. */
package io.kadscope.gui.ring;
