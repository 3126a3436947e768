package io.parley.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of a load run. Each can be given as {@code --name=value} after the command or as the
 * system property {@code -Dbench.name=value}; the argument wins.
 */
record BenchConfig(
    Pacing mode,
    int agents,
    long cases,
    int warmupSeconds,
    int durationSeconds,
    int settleSeconds,
    int thinkMillis,
    int quietWaitSeconds,
    int timeoutSeconds,
    int poolSize,
    int port,
    int httpClients,
    int seedBatch,
    String sharedBuffers,
    String api,
    Path workDir) {

  /**
   * How the agents pace their requests. CLOSED: the next request as soon as the previous one
   * answered (plus a fixed think time, 0 by default): measures saturation. PACED: human agents who
   * read and type, a random think time (exponential, mean {@code think-ms}) after each answer.
   * OPEN: the same random gaps, but measured from each action's scheduled start rather than from
   * the previous answer, so a slow answer delays the agent's next actions and that wait counts in
   * their latency (no coordinated omission).
   */
  enum Pacing {
    CLOSED,
    PACED,
    OPEN
  }

  /** The mean think time of paced and open runs unless {@code think-ms} is given. */
  static final int DEFAULT_HUMAN_THINK_MS = 5_000;

  static final Map<String, String> HELP = new LinkedHashMap<>();

  static {
    HELP.put(
        "mode",
        "closed     closed (saturated loop) | paced (human think time after each answer) | open"
            + " (scheduled actions, latency from the schedule)");
    HELP.put("agents", "200        concurrent simulated agents (one thread each)");
    HELP.put("cases", "1000000    cases seeded with SQL (besides the 200 demo cases)");
    HELP.put("warmup", "20         warm-up seconds (not measured)");
    HELP.put("duration", "60         measured seconds");
    HELP.put(
        "think-ms",
        "0 / 5000   closed: fixed pause after each action (0 = saturated); paced/open: mean of the"
            + " random (exponential) think time");
    HELP.put(
        "settle",
        "15         paced/open: seconds at the human pace after the (closed-loop) warm-up, not"
            + " measured");
    HELP.put(
        "quiet-wait",
        "600        before the load, wait up to this many seconds for other processes to use less"
            + " than 0.2 cores (0 = do not wait)");
    HELP.put("timeout", "30         seconds before a request counts as an error (timed out)");
    HELP.put("pool", "40         the application's JDBC pool size");
    HELP.put("port", "0          HTTP port on 127.0.0.1 (0 = a free one)");
    HELP.put("http-clients", "4          shared java.net.http clients the agents use");
    HELP.put("seed-batch", "100000     cases per seeding statement");
    HELP.put("shared-buffers", "2GB        PostgreSQL shared_buffers");
    HELP.put("api", "auto       cases | existing | auto (cases if /api/v1/cases answers)");
    HELP.put(
        "work-dir",
        "<jar dir>/bench-pg  PostgreSQL binaries; each run's data and log in run-<pid>");
  }

  /**
   * This run's own directory under the work directory (database data, search index, attachments,
   * log), so that runs started side by side never share files.
   */
  Path runDir() {
    return workDir.resolve("run-" + ProcessHandle.current().pid());
  }

  /** Deletes the run directories of runs whose process has ended. */
  void cleanStaleRuns() throws IOException {
    if (!Files.isDirectory(workDir)) {
      return;
    }
    try (DirectoryStream<Path> runs = Files.newDirectoryStream(workDir, "run-*")) {
      for (Path run : runs) {
        try {
          long pid = Long.parseLong(run.getFileName().toString().substring(4));
          if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            continue;
          }
        } catch (NumberFormatException e) {
          // not one of ours: leave it
          continue;
        }
        BenchDatabase.deleteRecursively(run);
      }
    }
  }

  static BenchConfig parse(String[] args) {
    Map<String, String> given = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("Expected --name=value, got: " + arg);
      }
      String name = arg.substring(2, arg.indexOf('='));
      if (!HELP.containsKey(name)) {
        throw new IllegalArgumentException(
            "Unknown setting --" + name + "; known: " + HELP.keySet());
      }
      given.put(name, arg.substring(arg.indexOf('=') + 1));
    }
    Pacing mode = Pacing.valueOf(value(given, "mode", "closed").toUpperCase(Locale.ROOT));
    return new BenchConfig(
        mode,
        intOf(given, "agents", 200),
        Long.parseLong(value(given, "cases", "1000000").replace("_", "")),
        intOf(given, "warmup", 20),
        intOf(given, "duration", 60),
        mode == Pacing.CLOSED ? 0 : intOf(given, "settle", 15),
        intOf(given, "think-ms", mode == Pacing.CLOSED ? 0 : DEFAULT_HUMAN_THINK_MS),
        intOf(given, "quiet-wait", 600),
        intOf(given, "timeout", 30),
        intOf(given, "pool", 40),
        intOf(given, "port", 0),
        intOf(given, "http-clients", 4),
        intOf(given, "seed-batch", 100_000),
        value(given, "shared-buffers", "2GB"),
        value(given, "api", "auto").toLowerCase(Locale.ROOT),
        Path.of(value(given, "work-dir", defaultWorkDir().toString())).toAbsolutePath());
  }

  private static String value(Map<String, String> given, String name, String fallback) {
    String v = given.get(name);
    if (v == null) {
      v = System.getProperty("bench." + name);
    }
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  private static int intOf(Map<String, String> given, String name, int fallback) {
    return Integer.parseInt(value(given, name, Integer.toString(fallback)).replace("_", ""));
  }

  /** bench/target when started as {@code java -jar bench/target/parley-bench.jar}. */
  private static Path defaultWorkDir() {
    String classPath = System.getProperty("java.class.path", "");
    if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
      Path parent = Path.of(classPath).toAbsolutePath().getParent();
      if (parent != null) {
        return parent.resolve("bench-pg");
      }
    }
    Path target = Path.of("bench", "target");
    return (Files.isDirectory(target) ? target : Path.of("target")).resolve("bench-pg");
  }
}
