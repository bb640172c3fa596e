package dev.fleetgate.sample;

/** Placeholder until the sample worker lands. */
public final class SampleWorker {
  public static void main(String[] args) {}
}
