package io.parley.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU use at one moment (Linux /proc): the machine's busy and total ticks, this JVM's CPU time, the
 * part of it spent in the load generator's threads, the ticks of the PostgreSQL server's processes
 * and those of every other process. Two samples tell how the cores were shared between Parley, the
 * load generator, PostgreSQL and anything else on the machine (by name), which on a shared 2-core
 * machine decides whether a result means anything.
 */
record CpuSample(
    long nanos,
    long busyTicks,
    long totalTicks,
    long jvmCpuNanos,
    long generatorCpuNanos,
    long jitTicks,
    long postgresTicks,
    Map<Long, Long> otherTicks,
    Map<Long, String> otherNames) {

  /** Other processes below this share of a core are not named. */
  private static final double NAMED_ABOVE_CORES = 0.05;

  static CpuSample now(long postmasterPid) {
    long busy = -1;
    long total = -1;
    try {
      String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      total = 0;
      for (int i = 1; i < fields.length && i <= 8; i++) {
        total += Long.parseLong(fields[i]);
      }
      long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]); // idle + iowait
      busy = total - idle;
    } catch (IOException | RuntimeException e) {
      // not Linux: machine-wide figures stay unknown
    }
    long jvm = -1;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      jvm = os.getProcessCpuTime();
    }
    Map<Long, Long> others = new HashMap<>();
    Map<Long, String> names = new HashMap<>();
    long postgres = processTicks(postmasterPid, others, names);
    long jit = jitCompilerTicks();
    return new CpuSample(
        System.nanoTime(), busy, total, jvm, loadGeneratorCpuNanos(), jit, postgres, others, names);
  }

  /**
   * CPU time (clock ticks) of this JVM's JIT compiler threads, which the JVM names "C1
   * CompilerThread…" / "C2 CompilerThread…" (Linux /proc/self/task), or -1 elsewhere.
   */
  private static long jitCompilerTicks() {
    long ticks = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
          }
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return ticks;
  }

  /** CPU time of the load generator's threads: the agents and the HTTP clients' threads. */
  private static long loadGeneratorCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (!threads.isThreadCpuTimeSupported()) {
      return -1;
    }
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null
          && (info.getThreadName().startsWith(LoadDriver.AGENT_THREAD_PREFIX)
              || info.getThreadName().startsWith("HttpClient-"))) {
        long cpu = threads.getThreadCpuTime(info.getThreadId());
        if (cpu > 0) {
          GENERATOR_THREADS.merge(info.getThreadId(), cpu, Math::max);
        }
      }
    }
    // Threads that ended (idle HTTP client workers) keep their last reading, so the sum never
    // goes down.
    return GENERATOR_THREADS.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The last CPU time read of every load generator thread seen, ended ones included. */
  private static final Map<Long, Long> GENERATOR_THREADS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The fields of a /proc/&lt;pid&gt;/stat line after "pid (comm) " (comm may hold spaces): state
   * is [0], ppid [1], utime [11], stime [12].
   */
  static String[] statFields(String stat) {
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
  }

  /** utime + stime, in clock ticks, of {@link #statFields}. */
  static long ticks(String[] fields) {
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /**
   * utime + stime (clock ticks) of the postmaster and its children, returned; every other process
   * except this JVM goes into {@code others} and {@code names}.
   */
  private static long processTicks(
      long postmasterPid, Map<Long, Long> others, Map<Long, String> names) {
    long self = ProcessHandle.current().pid();
    long postgres = postmasterPid <= 0 ? -1 : 0;
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path process : processes) {
        try {
          String stat = Files.readString(process.resolve("stat"));
          String[] f = statFields(stat);
          long pid = Long.parseLong(process.getFileName().toString());
          long ticks = ticks(f);
          if (pid == self) {
            continue;
          }
          if (postmasterPid > 0
              && (pid == postmasterPid || Long.parseLong(f[1]) == postmasterPid)) {
            postgres += ticks;
          } else {
            others.put(pid, ticks);
            names.put(pid, stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
          }
        } catch (IOException | RuntimeException e) {
          // the process ended meanwhile
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return postgres;
  }

  /**
   * "machine 97% busy: Parley 1.01, load generator 0.20, PostgreSQL 0.70, other 0.03 of 2 cores",
   * with the busiest other processes named, or "unknown" off Linux.
   */
  static String describe(CpuSample from, CpuSample to) {
    double[] cores = cores(from, to);
    if (cores == null) {
      return "unknown";
    }
    int all = Runtime.getRuntime().availableProcessors();
    String named = busiestOthers(from, to);
    return String.format(
        "machine %.0f%% busy: Parley %.2f, load generator %.2f, PostgreSQL %.2f, other %.2f of %d"
            + " cores%s",
        100 * cores[0] / all,
        cores[1] - cores[4],
        cores[4],
        cores[2],
        cores[3],
        all,
        named.isEmpty() ? "" : " (" + named + ")");
  }

  /** "java 0.91, chromium 0.12": other processes that used a noticeable share of a core. */
  static String busiestOthers(CpuSample from, CpuSample to) {
    long totalTicks = to.totalTicks() - from.totalTicks();
    if (from.totalTicks() < 0 || totalTicks <= 0) {
      return "";
    }
    int all = Runtime.getRuntime().availableProcessors();
    Map<String, Double> byName = new HashMap<>();
    to.otherTicks()
        .forEach(
            (pid, ticks) -> {
              long delta = ticks - from.otherTicks().getOrDefault(pid, 0L);
              if (delta > 0) {
                byName.merge(
                    to.otherNames().get(pid) + " #" + pid,
                    (double) delta / totalTicks * all,
                    Double::sum);
              }
            });
    return byName.entrySet().stream()
        .filter(e -> e.getValue() >= NAMED_ABOVE_CORES)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(3)
        .map(e -> String.format("%s %.2f", e.getKey(), e.getValue()))
        .collect(Collectors.joining(", "));
  }

  /**
   * "Parley 3.1 ms, PostgreSQL 0.8 ms, load generator 0.4 ms, other 0.1 ms (machine 4.4 ms)": CPU
   * time per request; "other" is every other process and the kernel's own time.
   */
  static String perRequest(CpuSample from, CpuSample to, long requests) {
    double[] cores = cores(from, to);
    if (cores == null || requests <= 0) {
      return "unknown";
    }
    double millis = (to.nanos() - from.nanos()) / 1e6 / requests;
    long totalTicks = to.totalTicks() - from.totalTicks();
    int all = Runtime.getRuntime().availableProcessors();
    String jit =
        from.jitTicks() < 0
            ? ""
            : String.format(
                " (of which JIT compiler %.2f ms)",
                (double) (to.jitTicks() - from.jitTicks()) / totalTicks * all * millis);
    return String.format(
        "Parley %.2f ms%s, PostgreSQL %.2f ms, load generator %.2f ms, other %.2f ms (machine"
            + " %.2f ms)",
        (cores[1] - cores[4]) * millis,
        jit,
        cores[2] * millis,
        cores[4] * millis,
        cores[3] * millis,
        cores[0] * millis);
  }

  /** Cores used by other processes (named ones only, not kernel time) between the samples. */
  static double otherProcessCores(CpuSample from, CpuSample to) {
    long totalTicks = to.totalTicks() - from.totalTicks();
    if (from.totalTicks() < 0 || totalTicks <= 0) {
      return 0;
    }
    int all = Runtime.getRuntime().availableProcessors();
    long delta = 0;
    for (Map.Entry<Long, Long> e : to.otherTicks().entrySet()) {
      delta += Math.max(0, e.getValue() - from.otherTicks().getOrDefault(e.getKey(), 0L));
    }
    return (double) delta / totalTicks * all;
  }

  /** Busy, this JVM, PostgreSQL, other, load generator: average cores between the samples. */
  static double[] cores(CpuSample from, CpuSample to) {
    int all = Runtime.getRuntime().availableProcessors();
    long totalTicks = to.totalTicks() - from.totalTicks();
    double seconds = (to.nanos() - from.nanos()) / 1e9;
    if (from.totalTicks() < 0 || totalTicks <= 0 || seconds <= 0) {
      return null;
    }
    double busy = (double) (to.busyTicks() - from.busyTicks()) / totalTicks * all;
    double jvm =
        from.jvmCpuNanos() < 0 ? 0 : (to.jvmCpuNanos() - from.jvmCpuNanos()) / 1e9 / seconds;
    double pg =
        from.postgresTicks() < 0
            ? 0
            : (double) (to.postgresTicks() - from.postgresTicks()) / totalTicks * all;
    double generator =
        from.generatorCpuNanos() < 0
            ? 0
            : (to.generatorCpuNanos() - from.generatorCpuNanos()) / 1e9 / seconds;
    return new double[] {busy, jvm, pg, Math.max(0, busy - jvm - pg), generator};
  }
}
