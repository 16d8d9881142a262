package io.kadscope.gui.tree;

import io.kadscope.engine.routing.ContactInfo;
import io.kadscope.gui.common.CanvasPane;
import io.kadscope.gui.common.Palette;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * Draws the prefix tree (Fig. 1): edges labelled 0 and 1, the node's own path in red down to its
 * bucket, each bucket as a triangle for the subtree it covers, shaded by how full it is, and its
 * contacts as leaves underneath. A click on a triangle picks that bucket.
 */
public final class PrefixTreeCanvas extends CanvasPane {
  private static final double TOP = 34;
  private static final double SIDE = 24;
  private static final double LEAF_AREA = 120;

  private PrefixTreeLayout layout;
  private String selected;
  private int k = 20;
  private Consumer<String> onPick = key -> {};

  public PrefixTreeCanvas() {
    setMinSize(200, 200);
    setOnMouseClicked(e -> onPick.accept(hit(e.getX(), e.getY())));
  }

  /** What to draw. */
  public void show(PrefixTreeLayout layout, String selected, int k) {
    this.layout = layout;
    this.selected = selected;
    this.k = k;
    invalidate();
  }

  /** What a click on a bucket (its key) or on nothing (null) does. */
  public void setOnPick(Consumer<String> onPick) {
    this.onPick = onPick;
  }

  private double slotWidth() {
    return (getWidth() - 2 * SIDE) / Math.max(1, layout.leaves().size());
  }

  private double levelHeight() {
    return Math.max(14, Math.min(110, (getHeight() - TOP - LEAF_AREA) / (layout.maxDepth() + 1)));
  }

  private double px(double x) {
    return SIDE + x * slotWidth();
  }

  private double py(int depth) {
    return TOP + depth * levelHeight();
  }

  /** The key of the bucket whose triangle or leaves contain (x, y), or null. */
  public String hit(double x, double y) {
    if (layout == null) {
      return null;
    }
    for (PrefixTreeLayout.Leaf l : layout.leaves()) {
      PrefixTreeLayout.TreeNode n = layout.node(l.key());
      double cx = px(n.x());
      double top = py(n.depth());
      if (Math.abs(x - cx) <= slotWidth() / 2 && y >= top - 6 && y <= top + triangle() + 80) {
        return l.key();
      }
    }
    return null;
  }

  private double triangle() {
    return Math.min(64, levelHeight() * 0.6 + 12);
  }

  @Override
  protected void draw(GraphicsContext g, double w, double h) {
    g.setFill(Color.WHITE);
    g.fillRect(0, 0, w, h);
    if (layout == null) {
      return;
    }
    g.setFont(Font.font(11));
    g.setTextAlign(TextAlignment.CENTER);
    g.setTextBaseline(VPos.CENTER);
    for (PrefixTreeLayout.TreeNode n : layout.nodes()) {
      if (n.bits().isEmpty()) {
        continue;
      }
      PrefixTreeLayout.TreeNode parent = layout.node(n.bits().substring(0, n.depth() - 1));
      double x1 = px(parent.x());
      double y1 = py(parent.depth());
      double x2 = px(n.x());
      double y2 = py(n.depth());
      g.setStroke(n.onOwnPath() ? Palette.SELF : Palette.INK);
      g.setLineWidth(n.onOwnPath() ? 3 : 1.2);
      g.strokeLine(x1, y1, x2, y2);
      g.setFill(Color.WHITE);
      double mx = (x1 + x2) / 2;
      double my = (y1 + y2) / 2;
      g.fillOval(mx - 7, my - 7, 14, 14);
      g.setFill(n.onOwnPath() ? Palette.SELF : Color.GRAY);
      g.fillText(n.bits().substring(n.depth() - 1), mx, my);
    }
    g.setLineWidth(1);
    for (PrefixTreeLayout.TreeNode n : layout.nodes()) {
      if (n.bucket() == null) {
        g.setFill(n.onOwnPath() ? Palette.SELF : Palette.INK);
        g.fillOval(px(n.x()) - 3.5, py(n.depth()) - 3.5, 7, 7);
      }
    }
    for (PrefixTreeLayout.Leaf l : layout.leaves()) {
      drawBucket(g, l, layout.node(l.key()));
    }
    g.setTextAlign(TextAlignment.LEFT);
    g.setFill(Palette.INK);
    g.setFont(Font.font(null, FontWeight.BOLD, 12));
    g.fillText("root: every id", px(layout.node("").x()) + 10, TOP - 14);
  }

  private void drawBucket(GraphicsContext g, PrefixTreeLayout.Leaf l, PrefixTreeLayout.TreeNode n) {
    double cx = px(n.x());
    double top = py(n.depth());
    double half = Math.max(4, Math.min(slotWidth() * 0.42, 60));
    double height = triangle();
    Color c = Palette.bucket(l.slot());
    double fill = (double) l.bucket().contacts().size() / k;
    boolean picked = Objects.equals(selected, l.key());
    double[] xs = {cx, cx - half, cx + half};
    double[] ys = {top, top + height, top + height};
    g.setFill(Color.WHITE);
    g.fillPolygon(xs, ys, 3);
    g.setGlobalAlpha(0.12 + 0.88 * fill);
    g.setFill(c);
    g.fillPolygon(xs, ys, 3);
    g.setGlobalAlpha(1);
    g.setStroke(picked ? Palette.INK : c.darker());
    g.setLineWidth(picked ? 3 : 1.2);
    g.strokePolygon(xs, ys, 3);
    g.setLineWidth(1);
    g.setFill(Palette.INK);
    g.setFont(Font.font(null, FontWeight.BOLD, 11));
    g.setTextAlign(TextAlignment.CENTER);
    g.setTextBaseline(VPos.TOP);
    boolean roomy = slotWidth() > 34;
    double ty = top + height + 3;
    if (roomy || picked) {
      g.setFill(fill > 0.55 ? Color.WHITE : Palette.INK);
      g.setTextBaseline(VPos.CENTER);
      g.fillText(l.bucket().contacts().size() + "/" + k, cx, top + height * 0.68);
      g.setTextBaseline(VPos.TOP);
      g.setFill(Palette.INK);
    }
    List<ContactInfo> contacts =
        l.bucket().contacts().stream()
            .sorted(Comparator.comparing(ci -> ci.contact().id()))
            .toList();
    double room = Math.max(8, slotWidth() - 10);
    double spacing = contacts.isEmpty() ? 0 : Math.min(26, room / contacts.size());
    int perRow = spacing >= 8 ? contacts.size() : Math.max(1, (int) (room / 8));
    if (spacing < 8) {
      spacing = 8;
    }
    boolean labels = spacing >= 24;
    g.setFont(Font.font("Monospaced", 9));
    for (int i = 0; i < contacts.size(); i++) {
      int row = i / perRow;
      int col = i % perRow;
      int inRow = Math.min(perRow, contacts.size() - row * perRow);
      double dx = cx + (col - (inRow - 1) / 2.0) * spacing;
      double dy = ty + 22 + row * 9;
      g.setStroke(c.darker());
      if (row == 0) {
        g.strokeLine(cx, top + height, dx, dy);
      }
      g.setFill(c);
      g.fillOval(dx - 4, dy - 4, 8, 8);
      if (labels) {
        g.setFill(Palette.INK);
        g.fillText(contacts.get(i).contact().id().shortHex(3), dx, dy + 6);
      }
    }
    ty += (labels ? 12 : 0) + (contacts.size() / perRow) * 9;
    if (l.ownBucket()) {
      g.setFill(Palette.SELF);
      g.setFont(Font.font(null, FontWeight.BOLD, 12));
      g.fillText("you are here", cx, ty + 34);
    }
    g.setFont(Font.font(11));
  }
}
