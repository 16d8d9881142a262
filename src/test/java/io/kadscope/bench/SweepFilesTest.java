package io.kadscope.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.lookup.LookupMode;
import io.kadscope.sim.Latency;
import io.kadscope.sim.Simulation;
import io.kadscope.sim.Sweep;
import io.kadscope.sim.Workload;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepFilesTest {
  @TempDir Path dir;

  private static List<Workload.Figures> sweep() {
    return Sweep.run(
        new Workload.Params(
            100, 10, 0, 0, Latency.DEFAULT, 4, Simulation.Joins.DIRECT, LookupMode.PIPELINED),
        1_000,
        Sweep.Listener.NONE,
        () -> false);
  }

  @Test
  void theCsvHasAHeaderAndALinePerSize_withTheFiguresOfTheJsonLines() throws Exception {
    List<Workload.Figures> all = sweep();
    Path csv = dir.resolve("sim-sweep.csv");
    SweepFiles.writeCsv(all, csv);

    List<String> lines = Files.readAllLines(csv);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo(SweepFiles.HEADER);
    assertThat(lines.get(1)).startsWith("100,6.6439,");
    assertThat(lines.get(2)).startsWith("1000,9.9658,");
    String[] cells = lines.get(2).split(",");
    assertThat(Double.parseDouble(cells[2])).isEqualTo(all.get(1).hopsMean(), within());
    assertThat(Double.parseDouble(cells[6])).isEqualTo(all.get(1).rpcsMean(), within());
  }

  private static Offset<Double> within() {
    return Offset.offset(1e-4);
  }

  @Test
  void theChartIsAPngOfItsSize() throws Exception {
    Path png = dir.resolve("sim-sweep.png");
    SweepChart.write(sweep(), png);

    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(SweepChart.WIDTH);
    assertThat(img.getHeight()).isEqualTo(SweepChart.HEIGHT);
  }
}
