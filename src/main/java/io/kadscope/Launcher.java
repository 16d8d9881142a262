package io.kadscope;

/** Entry point of the runnable jar. */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) {
    System.out.println("KadScope");
  }
}
