package io.kadscope.gui.common;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;

/**
 * A pane holding one canvas that fills it, redrawn at the next layout pass after it was resized or
 * {@link #invalidate() invalidated}, never more than once a pulse.
 */
public abstract class CanvasPane extends Pane {
  private final Canvas canvas = new Canvas();
  private boolean dirty = true;

  protected CanvasPane() {
    getChildren().add(canvas);
  }

  /** Asks for a redraw at the next layout pass. */
  protected final void invalidate() {
    dirty = true;
    requestLayout();
  }

  /** Draws the whole picture on a canvas of the pane's size. */
  protected abstract void draw(GraphicsContext g, double width, double height);

  @Override
  protected final void layoutChildren() {
    if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
      canvas.setWidth(getWidth());
      canvas.setHeight(getHeight());
      dirty = true;
    }
    if (dirty) {
      dirty = false;
      draw(canvas.getGraphicsContext2D(), canvas.getWidth(), canvas.getHeight());
    }
  }
}
