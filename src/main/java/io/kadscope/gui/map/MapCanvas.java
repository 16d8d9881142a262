package io.kadscope.gui.map;

import io.kadscope.engine.NodeId;
import io.kadscope.gui.common.CanvasPane;
import io.kadscope.gui.common.KeyHolders;
import io.kadscope.gui.common.Palette;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * Draws every peer of the network on the ring of ids (0 at the top, growing clockwise), you in red,
 * and the holders of a key lit: green for those that hold it, gold for the one whose answer gave
 * it, red crosses for those that did not acknowledge a store, and the key's tick outside the ring.
 * 100,000 peers cost one small square each.
 */
public final class MapCanvas extends CanvasPane {
  private static final double MARGIN = 60;

  private List<NodeId> peers = List.of();
  private NodeId you;
  private KeyHolders.Lit lit;
  private double[] xs = new double[0];
  private double[] ys = new double[0];
  private final Label tip = new Label();
  private Consumer<NodeId> onDoubleClick = id -> {};

  public MapCanvas() {
    setMinSize(200, 200);
    tip.getStyleClass().add("ring-tooltip");
    tip.setVisible(false);
    tip.setMouseTransparent(true);
    getChildren().add(tip);
    setOnMouseMoved(e -> hoverAt(e.getX(), e.getY()));
    setOnMouseExited(e -> tip.setVisible(false));
    setOnMouseClicked(
        e -> {
          if (e.getClickCount() == 2) {
            int i = nearest(e.getX(), e.getY());
            if (i >= 0) {
              onDoubleClick.accept(peers.get(i));
            }
          }
        });
  }

  /** What to draw. */
  public void show(List<NodeId> peers, NodeId you, KeyHolders.Lit lit) {
    this.peers = peers;
    this.you = you;
    this.lit = lit;
    tip.setVisible(false);
    invalidate();
  }

  /** What a double click on a peer does. */
  public void setOnDoubleClick(Consumer<NodeId> action) {
    this.onDoubleClick = action;
  }

  /** How many peers the last drawing placed. */
  public int drawnPeers() {
    return xs.length;
  }

  /** Where peer {@code i} was drawn: {x, y}. */
  public double[] positionOf(int i) {
    return new double[] {xs[i], ys[i]};
  }

  /** Shows the tooltip of the peer nearest (x, y), as a hover does; public for tests. */
  public void hoverAt(double x, double y) {
    int i = nearest(x, y);
    if (i < 0) {
      tip.setVisible(false);
      return;
    }
    NodeId id = peers.get(i);
    String role =
        id.equals(you)
            ? "you"
            : lit == null
                ? ""
                : lit.source().map(id::equals).orElse(false)
                    ? "gave the value of " + lit.label()
                    : lit.holders().contains(id)
                        ? "holds " + lit.label()
                        : lit.failed().contains(id) ? "did not acknowledge " + lit.label() : "";
    tip.setText(
        id.toHex()
            + "\nshares "
            + (you == null ? 0 : id.sharedPrefixLength(you))
            + " bits with you"
            + (role.isEmpty() ? "" : "\n" + role));
    tip.setVisible(true);
    tip.autosize();
    double tx = x + 14 + tip.getWidth() > getWidth() ? x - 14 - tip.getWidth() : x + 14;
    double ty = y + 14 + tip.getHeight() > getHeight() ? y - 14 - tip.getHeight() : y + 14;
    tip.relocate(Math.max(0, tx), Math.max(0, ty));
  }

  /** The tooltip's text when it shows, else empty. */
  public String tooltipText() {
    return tip.isVisible() ? tip.getText() : "";
  }

  private int nearest(double x, double y) {
    int best = -1;
    double bestD = 8 * 8;
    for (int i = 0; i < xs.length; i++) {
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

  @Override
  protected void draw(GraphicsContext g, double w, double h) {
    g.setFill(Color.WHITE);
    g.fillRect(0, 0, w, h);
    double cx = w / 2;
    double cy = h / 2;
    double r = Math.max(20, Math.min(w, h) / 2 - MARGIN);
    g.setStroke(Palette.GUIDE);
    g.setLineWidth(1);
    g.strokeOval(cx - r, cy - r, 2 * r, 2 * r);
    g.setFont(Font.font(11));
    g.setFill(Color.GRAY);
    g.setTextAlign(TextAlignment.CENTER);
    g.setTextBaseline(VPos.CENTER);
    String[] labels = {"0", "2¹⁵⁸", "2¹⁵⁹", "3·2¹⁵⁸"};
    for (int q = 0; q < 4; q++) {
      double a = q * Math.PI / 2;
      g.fillText(labels[q], cx + (r + 26) * Math.sin(a), cy - (r + 26) * Math.cos(a));
    }
    int n = peers.size();
    xs = new double[n];
    ys = new double[n];
    double size = n > 20_000 ? 1.6 : n > 2_000 ? 2.5 : n > 200 ? 4 : 7;
    // Peers jitter inward by a few pixels, by id, so that dense arcs show their density.
    double band = n > 200 ? Math.min(18, r * 0.08) : 0;
    g.setFill(Palette.bucket(0));
    for (int i = 0; i < n; i++) {
      NodeId id = peers.get(i);
      double a = id.fraction() * 2 * Math.PI;
      double rr = r - band * ((id.byteAt(19) & 0xff) / 255.0);
      xs[i] = cx + rr * Math.sin(a);
      ys[i] = cy - rr * Math.cos(a);
      g.fillRect(xs[i] - size / 2, ys[i] - size / 2, size, size);
    }
    drawLit(g, cx, cy, r);
    if (you != null) {
      double a = you.fraction() * 2 * Math.PI;
      double x = cx + r * Math.sin(a);
      double y = cy - r * Math.cos(a);
      g.setFill(Palette.SELF);
      g.fillOval(x - 7, y - 7, 14, 14);
      g.setFont(Font.font(null, FontWeight.BOLD, 12));
      g.fillText("you", cx + (r - 26) * Math.sin(a), cy - (r - 26) * Math.cos(a));
    }
    drawLegend(g, n);
  }

  private void drawLit(GraphicsContext g, double cx, double cy, double r) {
    if (lit == null) {
      return;
    }
    double a = lit.key().fraction() * 2 * Math.PI;
    g.setStroke(Palette.INK);
    g.setLineWidth(2);
    g.strokeLine(
        cx + (r + 4) * Math.sin(a),
        cy - (r + 4) * Math.cos(a),
        cx + (r + 40) * Math.sin(a),
        cy - (r + 40) * Math.cos(a));
    g.setFill(Palette.INK);
    g.setFont(Font.font(null, FontWeight.BOLD, 12));
    g.setTextAlign(Math.sin(a) >= 0 ? TextAlignment.LEFT : TextAlignment.RIGHT);
    g.fillText("key " + lit.label(), cx + (r + 44) * Math.sin(a), cy - (r + 44) * Math.cos(a));
    g.setTextAlign(TextAlignment.CENTER);
    Set<NodeId> shown = new HashSet<>();
    for (NodeId id : lit.holders()) {
      if (shown.add(id)) {
        mark(g, cx, cy, r, id, Color.web("#2e9d4a"), 6);
      }
    }
    lit.source().ifPresent(id -> mark(g, cx, cy, r, id, Color.GOLD, 8));
    g.setStroke(Palette.FAILURE);
    g.setLineWidth(2.5);
    for (NodeId id : lit.failed()) {
      double b = id.fraction() * 2 * Math.PI;
      double x = cx + r * Math.sin(b);
      double y = cy - r * Math.cos(b);
      g.strokeLine(x - 6, y - 6, x + 6, y + 6);
      g.strokeLine(x - 6, y + 6, x + 6, y - 6);
    }
    g.setLineWidth(1);
  }

  private static void mark(
      GraphicsContext g, double cx, double cy, double r, NodeId id, Color c, double radius) {
    double b = id.fraction() * 2 * Math.PI;
    double x = cx + r * Math.sin(b);
    double y = cy - r * Math.cos(b);
    g.setFill(c);
    g.fillOval(x - radius, y - radius, 2 * radius, 2 * radius);
    g.setStroke(Palette.INK);
    g.setLineWidth(1);
    g.strokeOval(x - radius, y - radius, 2 * radius, 2 * radius);
  }

  private void drawLegend(GraphicsContext g, int n) {
    g.setTextAlign(TextAlignment.LEFT);
    g.setTextBaseline(VPos.CENTER);
    g.setFont(Font.font(11));
    double y = 14;
    g.setFill(Palette.bucket(0));
    g.fillRect(10, y - 4, 8, 8);
    g.setFill(Palette.INK);
    g.fillText(String.format("a peer (%,d)", n), 24, y);
    g.setFill(Palette.SELF);
    g.fillOval(10, y + 12, 9, 9);
    g.setFill(Palette.INK);
    g.fillText("you", 24, y + 16);
    if (lit != null) {
      g.setFill(Color.web("#2e9d4a"));
      g.fillOval(10, y + 28, 9, 9);
      g.setFill(Palette.INK);
      g.fillText("holds the key", 24, y + 32);
      g.setFill(Color.GOLD);
      g.fillOval(10, y + 44, 9, 9);
      g.setFill(Palette.INK);
      g.fillText("gave the value", 24, y + 48);
      g.setStroke(Palette.FAILURE);
      g.strokeLine(10, y + 60, 19, y + 69);
      g.strokeLine(10, y + 69, 19, y + 60);
      g.fillText("did not acknowledge the store", 24, y + 64);
    }
  }
}
