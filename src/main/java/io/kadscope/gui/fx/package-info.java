/**
 * JavaFX plumbing shared by the views: the one bridge that batches engine events and tasks onto the
 * FX thread, and the notifier that shows errors.
 */
package io.kadscope.gui.fx;
