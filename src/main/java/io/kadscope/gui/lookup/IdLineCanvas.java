package io.kadscope.gui.lookup;

import io.kadscope.engine.NodeId;
import io.kadscope.gui.common.CanvasPane;
import io.kadscope.gui.common.Palette;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * The top half of Fig. 2: the 160-bit id space as a line, the target on it, each contacted node at
 * its id, an arrow from each answer to the nodes it returned that were contacted next, and the
 * requests still in flight as hollow dots. The axis is either the id itself or the XOR distance to
 * the target on a log scale, where a converging lookup walks steadily right. Hovering a dot tells
 * its step in words.
 */
public final class IdLineCanvas extends CanvasPane {
  private static final double MARGIN = 48;

  /** Rows of step numbers under the line; a number that finds no free place is left out. */
  private static final int LABEL_ROWS = 3;

  private static final double LABEL_ROW_HEIGHT = 11;

  private LookupTrace trace;
  private int cursor;
  private boolean logAxis;
  private List<PendingRpc> inFlight = List.of();
  private final Label tip = new Label();
  private final List<double[]> dotXs = new ArrayList<>();
  private final List<String> dotTexts = new ArrayList<>();
  private double lineY;

  public IdLineCanvas() {
    setMinHeight(170);
    setPrefHeight(230);
    tip.getStyleClass().add("ring-tooltip");
    tip.setVisible(false);
    tip.setMouseTransparent(true);
    tip.setWrapText(true);
    tip.setMaxWidth(420);
    getChildren().add(tip);
    setOnMouseMoved(e -> hoverAt(e.getX(), e.getY()));
    setOnMouseExited(e -> tip.setVisible(false));
  }

  /**
   * What to draw: the steps of {@code trace} up to {@code cursor}, and the requests that still wait
   * for an answer.
   */
  public void show(LookupTrace trace, int cursor, boolean logAxis, List<PendingRpc> inFlight) {
    this.trace = trace;
    this.cursor = cursor;
    this.logAxis = logAxis;
    this.inFlight = List.copyOf(inFlight);
    tip.setVisible(false);
    invalidate();
  }

  /** Shows the tooltip of the dot nearest to (x, y), as a hover does; public for tests. */
  public void hoverAt(double x, double y) {
    int best = -1;
    double bestD = 9;
    for (int i = 0; i < dotXs.size(); i++) {
      double d = Math.abs(dotXs.get(i)[0] - x);
      if (d < bestD && Math.abs(lineY - y) < 14) {
        bestD = d;
        best = i;
      }
    }
    if (best < 0) {
      tip.setVisible(false);
      return;
    }
    tip.setText(dotTexts.get(best));
    tip.setVisible(true);
    tip.autosize();
    double tx = x + 14;
    if (tx + tip.getWidth() > getWidth()) {
      tx = Math.max(0, x - 14 - tip.getWidth());
    }
    double ty = Math.max(0, lineY - 20 - tip.getHeight());
    tip.relocate(tx, ty);
  }

  /** The tooltip's text when it shows, else empty. */
  public String tooltipText() {
    return tip.isVisible() ? tip.getText() : "";
  }

  /** Where the dots of the last drawing are, left to right as drawn: {x, y} each. */
  public List<double[]> dotPositions() {
    List<double[]> out = new ArrayList<>();
    for (double[] x : dotXs) {
      out.add(new double[] {x[0], lineY});
    }
    return out;
  }

  /** How many step numbers the last drawing wrote under the line. */
  public int labelsDrawn() {
    return labelsDrawn;
  }

  private int labelsDrawn;

  private static double depth(NodeId target, NodeId id) {
    BigInteger d = target.distance(id);
    int bits = d.bitLength();
    if (bits == 0) {
      return NodeId.BITS;
    }
    double mantissa = d.shiftRight(Math.max(0, bits - 53)).doubleValue();
    return NodeId.BITS - (Math.max(0, bits - 53) + Math.log(mantissa) / Math.log(2));
  }

  @Override
  protected void draw(GraphicsContext g, double w, double h) {
    g.setFill(Color.WHITE);
    g.fillRect(0, 0, w, h);
    dotXs.clear();
    dotTexts.clear();
    labelsDrawn = 0;
    // Under the line: three rows of step numbers, then one band for the axis labels and "you".
    double y = h - (14 + LABEL_ROWS * LABEL_ROW_HEIGHT + 18);
    lineY = y;
    g.setStroke(Palette.INK);
    g.setLineWidth(2);
    g.strokeLine(MARGIN, y, w - MARGIN, y);
    g.setLineWidth(1);
    g.setFont(Font.font(11));
    if (trace == null) {
      g.setFill(Color.GRAY);
      g.setTextAlign(TextAlignment.CENTER);
      g.fillText("Pick a lookup on the left, or run a get in the Store panel.", w / 2, h / 2);
      return;
    }
    NodeId target = trace.targetId();
    List<TraceStep> steps = trace.steps().subList(0, Math.min(cursor, trace.steps().size()));
    double maxDepth = 8;
    for (TraceStep s : trace.steps()) {
      maxDepth = Math.max(maxDepth, Math.ceil(depth(target, s.queried().nodeId())) + 1);
    }
    final double span = maxDepth;
    ToDoubleFunction<NodeId> x =
        logAxis
            ? id -> MARGIN + Math.min(1, depth(target, id) / span) * (w - 2 * MARGIN)
            : id -> MARGIN + id.fraction() * (w - 2 * MARGIN);
    drawAxis(g, w, y, span);
    double tx = logAxis ? w - MARGIN : x.applyAsDouble(target);
    g.setStroke(Palette.TARGET);
    g.setLineDashes(4, 4);
    g.strokeLine(tx, 22, tx, y + 8);
    g.setLineDashes(null);
    g.setFill(Palette.TARGET);
    g.setFont(Font.font(null, FontWeight.BOLD, 12));
    g.setTextAlign(TextAlignment.CENTER);
    g.setTextBaseline(VPos.BOTTOM);
    g.fillText(
        "target "
            + (trace.targetName() != null
                ? "\"" + trace.targetName() + "\""
                : target.shortHex(6) + "…"),
        tx,
        20);
    double sx = x.applyAsDouble(trace.selfId());
    double band = y + 10 + LABEL_ROWS * LABEL_ROW_HEIGHT + 4;
    g.setFill(Palette.SELF);
    g.fillPolygon(new double[] {sx - 6, sx + 6, sx}, new double[] {y + 2, y + 2, y - 8}, 3);
    g.setFont(Font.font(null, FontWeight.BOLD, 11));
    g.setTextBaseline(VPos.TOP);
    g.fillText("▲ you", sx, band);
    g.setFont(Font.font(11));
    Map<String, Integer> firstQueried = new HashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      firstQueried.putIfAbsent(steps.get(i).queried().id(), i);
    }
    Map<String, Integer> introducedBy = new HashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      for (TraceContact r : steps.get(i).returned()) {
        introducedBy.putIfAbsent(r.id(), i);
      }
    }
    g.setLineWidth(1.4);
    for (int i = 0; i < steps.size(); i++) {
      TraceStep s = steps.get(i);
      if (s.late()) {
        continue;
      }
      double to = x.applyAsDouble(s.queried().nodeId());
      Integer from = introducedBy.get(s.queried().id());
      double fx =
          from != null && from < i ? x.applyAsDouble(steps.get(from).queried().nodeId()) : sx;
      arrow(g, fx, to, y, Palette.bucket(s.round() - 1));
    }
    g.setLineWidth(1);
    drawInFlight(g, x, introducedBy, steps, sx, y);
    List<List<Double>> placed = new ArrayList<>();
    for (int r = 0; r < LABEL_ROWS; r++) {
      placed.add(new ArrayList<>());
    }
    for (int i = 0; i < steps.size(); i++) {
      TraceStep s = steps.get(i);
      double px = x.applyAsDouble(s.queried().nodeId());
      dotXs.add(new double[] {px});
      dotTexts.add(StepStory.tell(trace, i) + "\n" + s.queried().address());
      if (s.late()) {
        g.setStroke(Color.GRAY);
        g.setLineDashes(2, 2);
        g.strokeOval(px - 6, y - 6, 12, 12);
        g.setLineDashes(null);
      } else if (s.failed()) {
        g.setStroke(Palette.FAILURE);
        g.setLineWidth(2.5);
        g.strokeLine(px - 6, y - 6, px + 6, y + 6);
        g.strokeLine(px - 6, y + 6, px + 6, y - 6);
        g.setLineWidth(1);
      } else if (s.foundValue()) {
        g.setFill(Color.GOLD);
        g.fillOval(px - 9, y - 9, 18, 18);
        g.setStroke(Palette.INK);
        g.strokeOval(px - 9, y - 9, 18, 18);
      } else {
        g.setFill(Palette.bucket(s.round() - 1));
        g.fillOval(px - 6, y - 6, 12, 12);
      }
      g.setFill(s.late() ? Color.GRAY : Palette.INK);
      g.setTextBaseline(VPos.TOP);
      String label = Integer.toString(s.seq());
      double half = label.length() * 3.5 + 2;
      int row = 0;
      while (row < LABEL_ROWS && collides(placed.get(row), px, half)) {
        row++;
      }
      if (row < LABEL_ROWS) {
        placed.get(row).add(px - half);
        placed.get(row).add(px + half);
        g.fillText(label, px, y + 10 + row * LABEL_ROW_HEIGHT);
        labelsDrawn++;
      }
    }
    drawLegend(g, steps);
  }

  /** Whether a label spanning [x - half, x + half] overlaps one already in the row. */
  private static boolean collides(List<Double> row, double x, double half) {
    for (int i = 0; i + 1 < row.size(); i += 2) {
      if (x - half < row.get(i + 1) + 2 && x + half > row.get(i) - 2) {
        return true;
      }
    }
    return false;
  }

  private void drawInFlight(
      GraphicsContext g,
      ToDoubleFunction<NodeId> x,
      Map<String, Integer> introducedBy,
      List<TraceStep> steps,
      double sx,
      double y) {
    g.setLineDashes(3, 3);
    for (PendingRpc p : inFlight) {
      double to = x.applyAsDouble(p.to().nodeId());
      Integer from = introducedBy.get(p.to().id());
      double fx = from != null ? x.applyAsDouble(steps.get(from).queried().nodeId()) : sx;
      Color c = Palette.bucket(p.round() - 1);
      arrow(g, fx, to, y, c);
      g.setStroke(c);
      g.setLineWidth(2);
      g.strokeOval(to - 6, y - 6, 12, 12);
      g.setLineWidth(1.4);
      dotXs.add(new double[] {to});
      dotTexts.add(
          "Round "
              + p.round()
              + ": asked "
              + StepStory.who(trace, p.to())
              + "; waiting for its answer.\n"
              + p.to().address());
    }
    g.setLineDashes(null);
    g.setLineWidth(1);
  }

  private void arrow(GraphicsContext g, double from, double to, double y, Color c) {
    double lift = Math.min(110, Math.abs(to - from) * 0.45 + 18);
    double mx = (from + to) / 2;
    g.setStroke(c);
    g.beginPath();
    g.moveTo(from, y - 4);
    g.quadraticCurveTo(mx, y - 4 - 2 * lift, to, y - 8);
    g.stroke();
    double dx = to - mx;
    double dy = (y - 8) - (y - 4 - 2 * lift);
    double len = Math.hypot(dx, dy);
    double ux = dx / len;
    double uy = dy / len;
    g.setFill(c);
    g.fillPolygon(
        new double[] {to, to - 9 * ux - 4 * uy, to - 9 * ux + 4 * uy},
        new double[] {y - 8, y - 8 - 9 * uy + 4 * ux, y - 8 - 9 * uy - 4 * ux},
        3);
  }

  private void drawAxis(GraphicsContext g, double w, double y, double span) {
    g.setFill(Color.GRAY);
    g.setTextBaseline(VPos.TOP);
    g.setTextAlign(TextAlignment.CENTER);
    if (logAxis) {
      int every = span > 40 ? 10 : span > 16 ? 4 : 2;
      for (int b = 0; b < span; b += every) {
        double px = MARGIN + b / span * (w - 2 * MARGIN);
        g.strokeLine(px, y - 4, px, y + 4);
        g.fillText(b + " bits", px, band(y));
      }
      g.setTextAlign(TextAlignment.RIGHT);
      g.fillText("bits shared with the target (log of the XOR distance) →", w - MARGIN, y - 22);
      return;
    }
    String[] labels = {"0", "2¹⁵⁸", "2¹⁵⁹", "3·2¹⁵⁸", "2¹⁶⁰"};
    for (int q = 0; q <= 4; q++) {
      double px = MARGIN + q / 4.0 * (w - 2 * MARGIN);
      g.setStroke(Palette.GUIDE);
      g.strokeLine(px, y - 5, px, y + 5);
      g.fillText(labels[q], px, band(y));
    }
  }

  private static double band(double y) {
    return y + 10 + LABEL_ROWS * LABEL_ROW_HEIGHT + 4;
  }

  private void drawLegend(GraphicsContext g, List<TraceStep> steps) {
    int rounds = steps.stream().filter(s -> !s.late()).mapToInt(TraceStep::round).max().orElse(0);
    g.setTextAlign(TextAlignment.LEFT);
    g.setTextBaseline(VPos.CENTER);
    double lx = 10;
    for (int r = 1; r <= rounds; r++) {
      g.setFill(Palette.bucket(r - 1));
      g.fillOval(lx, 34, 10, 10);
      g.setFill(Palette.INK);
      g.fillText("round " + r, lx + 14, 39);
      lx += 70;
    }
    g.setFill(Color.GOLD);
    g.fillOval(lx, 34, 10, 10);
    g.setFill(Palette.INK);
    g.fillText("value", lx + 14, 39);
    g.setStroke(Palette.FAILURE);
    g.strokeLine(lx + 60, 34, lx + 70, 44);
    g.strokeLine(lx + 60, 44, lx + 70, 34);
    g.fillText("timeout", lx + 74, 39);
    g.setStroke(Color.GRAY);
    g.setLineDashes(2, 2);
    g.strokeOval(lx + 134, 34, 10, 10);
    g.setLineDashes(null);
    g.setFill(Palette.INK);
    g.fillText("after the end", lx + 148, 39);
    g.setStroke(Palette.INK);
    g.setLineWidth(2);
    g.strokeOval(lx + 226, 34, 10, 10);
    g.setLineWidth(1);
    g.fillText("in flight", lx + 240, 39);
    g.setFill(Color.GRAY);
    g.fillText("arrows: who told the node about whom · hover a dot", lx + 300, 39);
  }
}
