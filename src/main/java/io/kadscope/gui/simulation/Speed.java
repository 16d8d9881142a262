package io.kadscope.gui.simulation;

/** The speeds a simulated network runs at, against the wall clock. */
public enum Speed {
  /** Real time: a 20 ms round trip takes 20 ms. */
  REAL_TIME(1, "real time"),
  /** A round trip takes 0.2 s. */
  TENTH(0.1, "× 0.1: a round trip ≈ 0.2 s"),
  /** A round trip takes 1 s: a lookup unfolds round by round. */
  SLOW(0.02, "× 0.02: a round trip ≈ 1 s"),
  /** A round trip takes 4 s. */
  SLOWER(0.005, "× 0.005: a round trip ≈ 4 s");

  private final double factor;
  private final String label;

  Speed(double factor, String label) {
    this.factor = factor;
    this.label = label;
  }

  /** Virtual seconds per wall-clock second. */
  public double factor() {
    return factor;
  }

  @Override
  public String toString() {
    return label;
  }
}
