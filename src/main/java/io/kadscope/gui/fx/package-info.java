/**
 * JavaFX plumbing shared by the views: the one bridge that batches engine events and tasks onto the
 * FX thread, the background task that runs an engine call and hands its outcome to the FX thread,
 * and the notifier that shows errors.
 */
package io.kadscope.gui.fx;
