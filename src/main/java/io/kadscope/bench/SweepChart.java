package io.kadscope.bench;

import io.kadscope.sim.Workload;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Draws a sweep as a PNG with Java2D (no display needed): on the left the rounds of a lookup, the
 * iterations (round trips waited in turn) and the hop depth, mean and 99th percentile, beside the
 * log2 n line; on the right the RPCs of a lookup; both against the network's size on a log axis.
 */
public final class SweepChart {
  static final int WIDTH = 1400;
  static final int HEIGHT = 780;

  private static final Color INK = new Color(0x22, 0x22, 0x22);
  private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);
  private static final Color ITERATIONS = new Color(0x1f, 0x5f, 0xbf);
  private static final Color HOPS = new Color(0xd9, 0x6c, 0x06);
  private static final Color LOG2 = new Color(0x55, 0x55, 0x55);
  private static final Color RPCS = new Color(0x2e, 0x8b, 0x57);
  private static final Stroke SOLID = new BasicStroke(2.6f);
  private static final Stroke DASHED =
      new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, new float[] {9, 6}, 0);
  private static final Stroke DOTTED =
      new BasicStroke(
          1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1, new float[] {2, 5}, 0);

  private SweepChart() {}

  /** One line of a panel. */
  private record Series(
      String label,
      Color color,
      Stroke stroke,
      boolean marks,
      ToDoubleFunction<Workload.Figures> value) {}

  /** Writes the chart of {@code figures} (at least one size) to {@code file} as a PNG. */
  public static void write(List<Workload.Figures> figures, Path file) throws IOException {
    if (!ImageIO.write(draw(figures), "png", file.toFile())) {
      throw new IOException("no PNG writer in this Java runtime");
    }
  }

  /** The chart of {@code figures} as an image. */
  public static BufferedImage draw(List<Workload.Figures> figures) {
    if (figures.isEmpty()) {
      throw new IllegalArgumentException("a sweep chart needs at least one size, found none");
    }
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      title(g, figures);
      List<Series> rounds =
          List.of(
              new Series(
                  "iterations, mean", ITERATIONS, SOLID, true, Workload.Figures::iterationsMean),
              new Series(
                  "iterations, 99th percentile", ITERATIONS, DASHED, false, f -> f.iterationsP99()),
              new Series("hop depth, mean", HOPS, SOLID, true, Workload.Figures::hopsMean),
              new Series("hop depth, 99th percentile", HOPS, DASHED, false, f -> f.hopsP99()),
              new Series("log\u2082 n", LOG2, DOTTED, false, f -> log2(f.params().nodes())));
      List<Series> rpcs =
          List.of(
              new Series("RPCs per lookup, mean", RPCS, SOLID, true, Workload.Figures::rpcsMean));
      panel(
          g,
          new Rectangle2D.Double(90, 130, 560, 540),
          "Rounds of a lookup",
          "round trips",
          figures,
          rounds,
          true);
      panel(
          g,
          new Rectangle2D.Double(790, 130, 560, 540),
          "RPCs of a lookup",
          "requests sent",
          figures,
          rpcs,
          false);
      footnote(g);
    } finally {
      g.dispose();
    }
    return img;
  }

  private static void title(Graphics2D g, List<Workload.Figures> figures) {
    Workload.Params p = figures.get(0).params();
    g.setColor(INK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 26));
    g.drawString("KadScope simulator: the cost of a node lookup as the network grows", 40, 48);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 17));
    g.drawString(
        String.format(
            Locale.ROOT,
            "k = 20, \u03b1 = 3, %s lookups per size, latency %s, loss %s, churn %s/min, %s"
                + " joins%s, %s lookups, seed %d",
            p.lookups(),
            p.latency(),
            strip(p.loss()),
            strip(p.churn()),
            p.joins().name().toLowerCase(Locale.ROOT),
            p.refreshOnJoin() ? "" : " without refresh",
            p.lookupMode().name().toLowerCase(Locale.ROOT),
            p.seed()),
        40,
        80);
  }

  private static void footnote(Graphics2D g) {
    g.setColor(LOG2);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
    g.drawString(
        "Iterations: round trips waited one after the other (the Python package's rounds)."
            + "  Hop depth: how many introductions deep the answering contacts were.",
        40,
        HEIGHT - 22);
  }

  private static void panel(
      Graphics2D g,
      Rectangle2D area,
      String title,
      String yLabel,
      List<Workload.Figures> figures,
      List<Series> series,
      boolean legendTopLeft) {
    double xMin = Math.log10(figures.get(0).params().nodes());
    double xMax = Math.log10(figures.get(figures.size() - 1).params().nodes());
    if (xMax - xMin < 1) {
      xMin = Math.floor(xMin);
      xMax = xMin + 1;
    }
    xMin -= 0.15;
    xMax += 0.15;
    double yMax = 0;
    for (Series s : series) {
      for (Workload.Figures f : figures) {
        yMax = Math.max(yMax, s.value().applyAsDouble(f));
      }
    }
    double yStep = niceStep(yMax / 6);
    yMax = Math.max(yStep, Math.ceil(yMax * 1.08 / yStep) * yStep);

    Scale sx = new Scale(xMin, xMax, area.getX(), area.getMaxX());
    Scale sy = new Scale(0, yMax, area.getMaxY(), area.getY());

    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 19));
    g.setColor(INK);
    g.drawString(title, (int) area.getX(), (int) area.getY() - 16);

    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    FontMetrics fm = g.getFontMetrics();
    g.setStroke(new BasicStroke(1));
    for (double y = 0; y <= yMax + 1e-9; y += yStep) {
      double py = sy.at(y);
      g.setColor(GRID);
      g.draw(new Line2D.Double(area.getX(), py, area.getMaxX(), py));
      g.setColor(INK);
      String t = strip(y);
      g.drawString(t, (float) (area.getX() - 10 - fm.stringWidth(t)), (float) py + 5);
    }
    for (int e = (int) Math.ceil(xMin); e <= (int) Math.floor(xMax); e++) {
      double px = sx.at(e);
      g.setColor(GRID);
      g.draw(new Line2D.Double(px, area.getY(), px, area.getMaxY()));
      g.setColor(INK);
      String t = sizeLabel(e);
      g.drawString(t, (float) px - fm.stringWidth(t) / 2f, (float) area.getMaxY() + 22);
    }
    g.setColor(INK);
    g.setStroke(new BasicStroke(1.5f));
    g.draw(new Line2D.Double(area.getX(), area.getMaxY(), area.getMaxX(), area.getMaxY()));
    g.draw(new Line2D.Double(area.getX(), area.getY(), area.getX(), area.getMaxY()));
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
    fm = g.getFontMetrics();
    String xLabel = "peers in the network (log scale)";
    g.drawString(
        xLabel,
        (float) (area.getCenterX() - fm.stringWidth(xLabel) / 2.0),
        (float) area.getMaxY() + 50);
    Graphics2D r = (Graphics2D) g.create();
    r.rotate(-Math.PI / 2);
    r.drawString(
        yLabel,
        (float) -(area.getCenterY() + fm.stringWidth(yLabel) / 2.0),
        (float) area.getX() - 52);
    r.dispose();

    for (Series s : series) {
      g.setColor(s.color());
      g.setStroke(s.stroke());
      Path2D path = new Path2D.Double();
      List<double[]> points = new ArrayList<>();
      for (Workload.Figures f : figures) {
        double px = sx.at(Math.log10(f.params().nodes()));
        double py = sy.at(s.value().applyAsDouble(f));
        points.add(new double[] {px, py});
      }
      if (s.label().startsWith("log")) {
        // the log2 n line is a function, drawn over the whole axis
        path.reset();
        for (int i = 0; i <= 100; i++) {
          double x = xMin + (xMax - xMin) * i / 100;
          double px = sx.at(x);
          double py = sy.at(x * Math.log(10) / Math.log(2));
          if (i == 0) {
            path.moveTo(px, py);
          } else {
            path.lineTo(px, py);
          }
        }
        Graphics2D clip = (Graphics2D) g.create();
        clip.clip(area);
        clip.draw(path);
        clip.dispose();
        continue;
      }
      for (int i = 0; i < points.size(); i++) {
        if (i == 0) {
          path.moveTo(points.get(i)[0], points.get(i)[1]);
        } else {
          path.lineTo(points.get(i)[0], points.get(i)[1]);
        }
      }
      g.draw(path);
      if (s.marks()) {
        for (double[] pt : points) {
          g.fill(new Rectangle2D.Double(pt[0] - 4.5, pt[1] - 4.5, 9, 9));
        }
      }
    }
    legend(g, area, series, legendTopLeft);
  }

  private static void legend(Graphics2D g, Rectangle2D area, List<Series> series, boolean left) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
    FontMetrics fm = g.getFontMetrics();
    int width = 0;
    for (Series s : series) {
      width = Math.max(width, fm.stringWidth(s.label()));
    }
    int lineH = 24;
    double w = width + 70;
    double h = series.size() * lineH + 14;
    double x = left ? area.getX() + 14 : area.getMaxX() - w - 14;
    double y = area.getY() + 14;
    g.setColor(new Color(255, 255, 255, 235));
    g.fill(new Rectangle2D.Double(x, y, w, h));
    g.setColor(GRID);
    g.setStroke(new BasicStroke(1));
    g.draw(new Rectangle2D.Double(x, y, w, h));
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      double ly = y + 20 + i * lineH;
      g.setColor(s.color());
      g.setStroke(s.stroke());
      g.draw(new Line2D.Double(x + 10, ly - 5, x + 50, ly - 5));
      if (s.marks()) {
        g.fill(new Rectangle2D.Double(x + 25.5, ly - 9.5, 9, 9));
      }
      g.setColor(INK);
      g.drawString(s.label(), (float) (x + 60), (float) ly);
    }
  }

  private static String sizeLabel(int exponent) {
    return switch (exponent) {
      case 0 -> "1";
      case 1 -> "10";
      case 2 -> "100";
      case 3 -> "1k";
      case 4 -> "10k";
      case 5 -> "100k";
      case 6 -> "1M";
      case 7 -> "10M";
      default -> "1e" + exponent;
    };
  }

  private static double niceStep(double raw) {
    if (raw <= 0) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / p;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return nice * p;
  }

  private static String strip(double v) {
    if (v == Math.rint(v)) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%s", v);
  }

  private static double log2(int n) {
    return Math.log(n) / Math.log(2);
  }

  /** A linear map from data to pixels. */
  private record Scale(double from, double to, double pixelFrom, double pixelTo) {
    double at(double v) {
      return pixelFrom + (v - from) / (to - from) * (pixelTo - pixelFrom);
    }
  }
}
