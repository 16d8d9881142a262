package io.kadscope.gui.ring;

import io.kadscope.engine.NodeId;
import io.kadscope.gui.common.Palette;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * Draws the ring on a {@link Canvas}: one draw call per dot, no scene-graph node per contact, so
 * 10,000 contacts cost a few milliseconds. Redraws are coalesced into the next layout pass; hover
 * and its tooltip use a second, small overlay so moving the mouse never redraws the dots.
 */
public final class RingCanvas extends Pane {
  private static final double MARGIN = 56;

  private final Canvas base = new Canvas();
  private final Canvas overlay = new Canvas();
  private final Label tip = new Label();
  private List<RingViewModel.Dot> dots = List.of();
  private List<RingViewModel.Tick> ticks = List.of();
  private NodeId self;
  private boolean distanceView;
  private String selected;
  private int k = 20;
  private boolean dirty = true;
  private double[] xs = new double[0];
  private double[] ys = new double[0];
  private int hovered = -1;
  private Function<RingViewModel.Dot, String> describe = d -> "";
  private Consumer<RingViewModel.Dot> onPick = d -> {};
  private long lastDrawNanos;

  public RingCanvas() {
    overlay.setMouseTransparent(true);
    tip.getStyleClass().add("ring-tooltip");
    tip.setVisible(false);
    tip.setMouseTransparent(true);
    getChildren().addAll(base, overlay, tip);
    setMinSize(200, 200);
    setOnMouseMoved(e -> hover(e.getX(), e.getY()));
    setOnMouseExited(e -> hover(-1e9, -1e9));
    setOnMouseClicked(
        e -> {
          int i = nearest(e.getX(), e.getY());
          onPick.accept(i < 0 ? null : dots.get(i));
        });
  }

  /** Sets what to draw; the drawing happens at the next layout pass. */
  public void setContent(
      List<RingViewModel.Dot> dots,
      List<RingViewModel.Tick> ticks,
      NodeId self,
      boolean distanceView,
      String selected,
      int k) {
    this.dots = dots;
    this.ticks = ticks;
    this.self = self;
    this.distanceView = distanceView;
    this.selected = selected;
    this.k = k;
    this.hovered = -1;
    tip.setVisible(false);
    invalidate();
  }

  /** How a hovered dot is described, and what a click on a dot (or on nothing: null) does. */
  public void setInteraction(
      Function<RingViewModel.Dot, String> describe, Consumer<RingViewModel.Dot> onPick) {
    this.describe = describe;
    this.onPick = onPick;
  }

  /** The time the last full draw took, in nanoseconds. */
  public long lastDrawNanos() {
    return lastDrawNanos;
  }

  /** Where dot {@code i} was drawn, for tests: {x, y}. */
  public double[] positionOf(int i) {
    return new double[] {xs[i], ys[i]};
  }

  /** How many dots the last draw placed. */
  public int drawnDots() {
    return xs.length;
  }

  private void invalidate() {
    dirty = true;
    requestLayout();
  }

  @Override
  protected void layoutChildren() {
    double w = getWidth();
    double h = getHeight();
    if (base.getWidth() != w || base.getHeight() != h) {
      base.setWidth(w);
      base.setHeight(h);
      overlay.setWidth(w);
      overlay.setHeight(h);
      dirty = true;
    }
    if (dirty) {
      dirty = false;
      long t0 = System.nanoTime();
      draw();
      lastDrawNanos = System.nanoTime() - t0;
      drawOverlay();
    }
    tip.autosize();
  }

  private double radius() {
    return Math.max(20, Math.min(getWidth(), getHeight()) / 2 - MARGIN);
  }

  private double bands() {
    double max = 1;
    for (RingViewModel.Dot d : dots) {
      max = Math.max(max, d.depth());
    }
    return Math.floor(max) + 1;
  }

  private double radiusAt(double depth, double bands) {
    return radius() * Math.max(0, 1 - depth / bands) * 0.94 + radius() * 0.06;
  }

  private void draw() {
    GraphicsContext g = base.getGraphicsContext2D();
    double w = getWidth();
    double h = getHeight();
    double cx = w / 2;
    double cy = h / 2;
    double r = radius();
    double bands = bands();
    g.setGlobalAlpha(1);
    g.setFill(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setLineWidth(1);
    g.setFont(Font.font(11));
    if (distanceView) {
      drawBands(g, cx, cy, bands);
    } else {
      g.setStroke(Palette.GUIDE);
      g.setLineWidth(2);
      g.strokeOval(cx - r, cy - r, 2 * r, 2 * r);
      g.setLineWidth(1);
      drawQuarterLabels(g, cx, cy, r);
    }
    drawTicks(g, cx, cy, r);
    double size = dots.size() > 4000 ? 3 : dots.size() > 400 ? 5 : 9;
    xs = new double[dots.size()];
    ys = new double[dots.size()];
    for (int i = 0; i < dots.size(); i++) {
      RingViewModel.Dot d = dots.get(i);
      double rr = distanceView ? radiusAt(d.depth(), bands) : r;
      double a = d.fraction() * 2 * Math.PI;
      xs[i] = cx + rr * Math.sin(a);
      ys[i] = cy - rr * Math.cos(a);
      boolean inPick = selected == null || selected.equals(d.bucketKey());
      g.setGlobalAlpha(inPick ? 1 : 0.18);
      g.setFill(Palette.bucket(d.bucketPosition()));
      g.fillOval(xs[i] - size / 2, ys[i] - size / 2, size, size);
      if (selected != null && inPick && size > 4) {
        g.setStroke(Palette.INK);
        g.strokeOval(xs[i] - size / 2 - 1.5, ys[i] - size / 2 - 1.5, size + 3, size + 3);
      }
    }
    g.setGlobalAlpha(1);
    drawSelf(g, cx, cy, r);
    drawLegend(g);
  }

  private void drawQuarterLabels(GraphicsContext g, double cx, double cy, double r) {
    g.setFill(Palette.INK);
    g.setTextAlign(TextAlignment.CENTER);
    g.setTextBaseline(VPos.CENTER);
    String[] labels = {"0", "2¹⁵⁸", "2¹⁵⁹", "3·2¹⁵⁸"};
    for (int q = 0; q < 4; q++) {
      double a = q * Math.PI / 2;
      double lx = cx + (r + 30) * Math.sin(a);
      double ly = cy - (r + 30) * Math.cos(a);
      g.fillText(labels[q], lx, ly);
      g.setStroke(Palette.GUIDE);
      g.strokeLine(
          cx + (r - 6) * Math.sin(a),
          cy - (r - 6) * Math.cos(a),
          cx + (r + 6) * Math.sin(a),
          cy - (r + 6) * Math.cos(a));
    }
    g.setFill(Color.GRAY);
    g.fillText("ids grow clockwise", cx, cy - r - 44 < 8 ? cy - r + 20 : cy - r - 44);
  }

  private void drawBands(GraphicsContext g, double cx, double cy, double bands) {
    g.setTextAlign(TextAlignment.LEFT);
    g.setTextBaseline(VPos.BOTTOM);
    for (int p = 0; p < bands; p++) {
      double outer = radiusAt(p, bands);
      g.setStroke(Palette.GUIDE);
      g.strokeOval(cx - outer, cy - outer, 2 * outer, 2 * outer);
      double inner = radiusAt(p + 1, bands);
      g.setFill(Color.GRAY);
      if (outer - inner > 11 || p == 0) {
        g.fillText(
            p == 0 ? "shares 0 bits (farthest half)" : "shares " + p + " bits",
            cx + 4,
            cy - (outer + inner) / 2 + 6);
      }
    }
    g.setTextAlign(TextAlignment.CENTER);
    g.setTextBaseline(VPos.CENTER);
    g.setFill(Palette.INK);
    g.fillText(
        "radius: XOR distance to you, log scale (one ring per bucket index)",
        cx,
        Math.max(12, cy - radius() - 30));
  }

  private void drawTicks(GraphicsContext g, double cx, double cy, double r) {
    g.setStroke(Palette.INK);
    g.setLineWidth(2);
    g.setFill(Palette.INK);
    g.setTextBaseline(VPos.CENTER);
    for (RingViewModel.Tick t : ticks) {
      double a = t.fraction() * 2 * Math.PI;
      double s = Math.sin(a);
      double c = Math.cos(a);
      g.setStroke(t.held() ? Palette.INK : Color.GRAY);
      g.setFill(t.held() ? Palette.INK : Color.GRAY);
      g.strokeLine(cx + (r + 4) * s, cy - (r + 4) * c, cx + (r + 16) * s, cy - (r + 16) * c);
      if (ticks.size() <= 24) {
        g.setTextAlign(s >= 0 ? TextAlignment.LEFT : TextAlignment.RIGHT);
        g.fillText(
            t.label() + (t.held() ? " (held here)" : ""), cx + (r + 20) * s, cy - (r + 20) * c);
      }
    }
    g.setLineWidth(1);
  }

  private void drawSelf(GraphicsContext g, double cx, double cy, double r) {
    if (self == null) {
      return;
    }
    double x = cx;
    double y = cy;
    // The label sits inside the ring, towards the centre: key ticks are labelled outside it.
    double lx = cx;
    double ly = cy + 21;
    if (!distanceView) {
      double a = self.fraction() * 2 * Math.PI;
      x = cx + r * Math.sin(a);
      y = cy - r * Math.cos(a);
      lx = cx + (r - 46) * Math.sin(a);
      ly = cy - (r - 28) * Math.cos(a);
    }
    g.setFill(Palette.SELF);
    g.fillOval(x - 9, y - 9, 18, 18);
    g.setStroke(Color.WHITE);
    g.setLineWidth(3);
    g.strokeOval(x - 6, y - 6, 12, 12);
    g.setLineWidth(1);
    g.setFill(Palette.SELF);
    g.setFont(Font.font(null, FontWeight.BOLD, 12));
    g.setTextAlign(TextAlignment.CENTER);
    g.setTextBaseline(VPos.CENTER);
    g.setStroke(Color.WHITE);
    g.setLineWidth(4);
    String label = "you " + self.shortHex(6) + "…";
    g.strokeText(label, lx, ly);
    g.setLineWidth(1);
    g.fillText(label, lx, ly);
    g.setFont(Font.font(11));
  }

  private void drawLegend(GraphicsContext g) {
    Map<Integer, int[]> counts = new LinkedHashMap<>();
    Map<Integer, String> keys = new LinkedHashMap<>();
    Map<Integer, Integer> indexes = new LinkedHashMap<>();
    for (RingViewModel.Dot d : dots) {
      counts.computeIfAbsent(d.bucketPosition(), p -> new int[1])[0]++;
      keys.put(d.bucketPosition(), d.bucketKey());
      indexes.put(d.bucketPosition(), d.bucketIndex());
    }
    g.setTextAlign(TextAlignment.LEFT);
    g.setTextBaseline(VPos.CENTER);
    g.setFont(Font.font("Monospaced", 11));
    double y = 14;
    g.setFill(Palette.INK);
    g.fillText("bucket  prefix        fill", 10, y);
    List<Integer> positions = new ArrayList<>(counts.keySet());
    int shown = 0;
    for (int pos : positions) {
      if (shown == 18) {
        g.setFill(Color.GRAY);
        g.fillText("… " + (positions.size() - shown) + " more buckets", 10, y += 16);
        break;
      }
      y += 16;
      boolean picked = Objects.equals(selected, keys.get(pos));
      g.setFill(Palette.bucket(pos));
      g.fillRect(10, y - 5, 10, 10);
      g.setFill(picked ? Palette.SELF : Palette.INK);
      String prefix = keys.get(pos).isEmpty() ? "any" : keys.get(pos);
      if (prefix.length() > 12) {
        prefix = "…" + prefix.substring(prefix.length() - 11);
      }
      g.fillText(
          String.format("%-5d %-13s %d/%d", indexes.get(pos), prefix, counts.get(pos)[0], k),
          26,
          y);
      shown++;
    }
    g.setFont(Font.font(11));
  }

  private int nearest(double x, double y) {
    int best = -1;
    double bestD = 10 * 10;
    for (int i = 0; i < xs.length && i < dots.size(); i++) {
      double dx = xs[i] - x;
      double dy = ys[i] - y;
      double d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }

  private void hover(double x, double y) {
    int i = nearest(x, y);
    if (i != hovered) {
      hovered = i;
      drawOverlay();
    }
    if (i < 0) {
      tip.setVisible(false);
      return;
    }
    tip.setText(describe.apply(dots.get(i)));
    tip.setVisible(true);
    tip.autosize();
    double tx = x + 16;
    double ty = y + 16;
    if (tx + tip.getWidth() > getWidth()) {
      tx = x - 16 - tip.getWidth();
    }
    if (ty + tip.getHeight() > getHeight()) {
      ty = y - 16 - tip.getHeight();
    }
    tip.relocate(Math.max(0, tx), Math.max(0, ty));
  }

  private void drawOverlay() {
    GraphicsContext g = overlay.getGraphicsContext2D();
    g.clearRect(0, 0, overlay.getWidth(), overlay.getHeight());
    int i = hovered;
    if (i < 0 || i >= xs.length) {
      return;
    }
    g.setStroke(Palette.INK);
    g.setLineWidth(2);
    g.strokeOval(xs[i] - 9, ys[i] - 9, 18, 18);
  }

  /** Shows the tooltip of the dot nearest to (x, y), as a hover would; for tests. */
  public void hoverAt(double x, double y) {
    hover(x, y);
  }

  /** The tooltip's text when it shows, else empty. */
  public String tooltipText() {
    return tip.isVisible() ? tip.getText() : "";
  }
}
