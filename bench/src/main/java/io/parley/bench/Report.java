package io.parley.bench;

import java.io.PrintStream;
import java.util.List;
import org.HdrHistogram.Histogram;

/** The table printed at the end of a load run. Goals are printed and judged, never asserted. */
final class Report {

  static final double GOAL_P50_MS = 20;
  static final double GOAL_P99_MS = 100;

  private Report() {}

  /** The latency table; with {@code service}, of the service times (open runs). */
  static void table(PrintStream out, Scenario scenario, LoadDriver.Phase phase, boolean service) {
    double seconds = phase.seconds();
    out.printf(
        "%-18s %10s %8s %9s %8s %8s %8s %9s  %s%n",
        "endpoint",
        "requests",
        "errors",
        "req/s",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "max ms",
        "goal p50<=20 p99<=100");
    for (EndpointStats stats : phase.endpoints.values()) {
      Histogram h = service ? stats.serviceTimes() : stats.latencies();
      boolean judged = scenario.judged().contains(stats.name);
      out.printf(
          "%-18s %,10d %,8d %,9.1f %8s %8s %8s %9s  %s%n",
          stats.name,
          stats.requests(),
          stats.errors(),
          stats.requests() / seconds,
          ms(h, 50),
          ms(h, 90),
          ms(h, 99),
          h.getTotalCount() == 0 ? "-" : String.format("%.1f", h.getMaxValue() / 1000.0),
          judged && !service ? verdict(h, stats) : "");
    }
    out.printf(
        "%-18s %,10d %,8d %,9.1f%n",
        "HTTP requests",
        phase.httpRequests.sum(),
        phase.httpErrors.sum(),
        phase.httpRequests.sum() / seconds);
  }

  static void errors(PrintStream out, LoadDriver.Phase phase) {
    List<String> samples;
    synchronized (phase.errorSamples) {
      samples = List.copyOf(phase.errorSamples);
    }
    if (samples.isEmpty()) {
      return;
    }
    out.println("First errors (" + phase.name + "):");
    samples.forEach(s -> out.println("  " + s));
  }

  private static String verdict(Histogram h, EndpointStats stats) {
    if (h.getTotalCount() == 0) {
      return "no successful requests";
    }
    double p50 = h.getValueAtPercentile(50) / 1000.0;
    double p99 = h.getValueAtPercentile(99) / 1000.0;
    StringBuilder missed = new StringBuilder();
    if (p50 > GOAL_P50_MS) {
      missed.append(String.format("p50 %.1f > %.0f", p50, GOAL_P50_MS));
    }
    if (p99 > GOAL_P99_MS) {
      missed
          .append(missed.isEmpty() ? "" : ", ")
          .append(String.format("p99 %.1f > %.0f", p99, GOAL_P99_MS));
    }
    String errors = stats.errors() > 0 ? " (with errors)" : "";
    return (missed.isEmpty() ? "met" : "MISSED: " + missed) + errors;
  }

  private static String ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0
        ? "-"
        : String.format("%.1f", h.getValueAtPercentile(percentile) / 1000.0);
  }
}
