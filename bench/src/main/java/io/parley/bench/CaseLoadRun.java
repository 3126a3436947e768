package io.parley.bench;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.parley.ParleyApplication;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The case load run: a real PostgreSQL with a million cases, the Parley application in this JVM on
 * loopback, and 200 simulated agents listing, opening and replying to cases over the HTTP API with
 * their personal API tokens. Prints throughput and latency percentiles per endpoint and whether
 * each met the goal (p99 &le; 100 ms, p50 &le; 20 ms). The goal is printed, never asserted: this is
 * a measurement on demand, not a test.
 *
 * <p>Run it with {@code java -jar bench/target/parley-bench.jar cases [--name=value ...]}; see
 * bench/README.md and {@link BenchConfig} for the settings.
 */
public final class CaseLoadRun {

  private static final String ADMIN_PASSWORD = "bench-admin-password-2026";

  private final BenchConfig config;
  private final PrintStream out = System.out;

  CaseLoadRun(BenchConfig config) {
    this.config = config;
  }

  public static void main(String[] args) throws Exception {
    BenchConfig config = BenchConfig.parse(args);
    config.cleanStaleRuns();
    Files.createDirectories(config.runDir());
    System.setProperty("bench.log.file", logFile(config).toString());
    new CaseLoadRun(config).run();
  }

  void run() throws Exception {
    Instant began = Instant.now();
    say(
        "Parley case load run: %s; %,d agents, %,d seeded cases, warm-up %d s, measured %d s;"
            + " work dir %s",
        pacing(config),
        config.agents(),
        config.cases(),
        config.warmupSeconds(),
        config.durationSeconds(),
        config.runDir());
    try {
      runWithDatabase(began);
    } finally {
      // The database's data goes with the server (zonky); these go too. The log stays.
      BenchDatabase.deleteRecursively(config.runDir().resolve("search-index"));
      BenchDatabase.deleteRecursively(config.runDir().resolve("attachments"));
    }
  }

  private void runWithDatabase(Instant began) throws Exception {
    long t = System.nanoTime();
    try (BenchDatabase database = BenchDatabase.start(config)) {
      say("PostgreSQL started in %,d ms", millisSince(t));
      int port = config.port() > 0 ? config.port() : freePort();
      t = System.nanoTime();
      ConfigurableApplicationContext app = startApplication(database, port);
      try {
        say("Parley started in %,d ms on http://127.0.0.1:%d", millisSince(t), port);
        BenchAgents.DemoBrands brands = BenchAgents.brands(app);
        t = System.nanoTime();
        List<BenchAgents.Agent> agents = BenchAgents.create(app, brands, config.agents());
        say(
            "%,d agents with API tokens created through Users/ApiTokens in %,d ms",
            agents.size(), millisSince(t));

        CaseSeeder.Seeded seeded;
        List<String> pgSettings;
        say("Seeding %,d cases with SQL...", config.cases());
        try (Connection connection = database.connect()) {
          seeded =
              new CaseSeeder(connection, this::say)
                  .seed(brands, agents, config.cases(), config.seedBatch());
          pgSettings = postgresSettings(connection);
        }
        say(
            "Seeding took %.1f s; the database now holds %,d cases and %,d messages",
            seeded.millis() / 1000.0, seeded.cases(), seeded.messages());

        URI base = URI.create("http://127.0.0.1:" + port + "/");
        Scenario scenario = chooseScenario(base, agents.get(0));
        say("Scenario: %s", scenario.description());
        long postmaster = database.postmasterPid();
        Supplier<CpuSample> cpu = () -> CpuSample.now(postmaster);
        waitForQuiet(cpu);
        say(
            "Load: warm-up %d s (closed loop)%s, then measured %d s (%s)...",
            config.warmupSeconds(),
            config.settleSeconds() > 0
                ? ", settle " + config.settleSeconds() + " s (" + config.mode() + ")"
                : "",
            config.durationSeconds(),
            config.mode());
        try (Connection connection = database.connect()) {
          StatementStats statements = new StatementStats(connection);
          List<LoadDriver.Phase> phases =
              new LoadDriver()
                  .run(
                      agents,
                      scenario,
                      base,
                      config,
                      cpu,
                      statements::reset,
                      poolStatus(app),
                      this::say);
          List<String> topStatements = statements.top(8);
          long[] after = counts(connection);
          report(scenario, phases, seeded, after, pgSettings, began, topStatements);
        }
      } finally {
        app.close();
      }
    }
  }

  /** "JDBC pool 40/40 busy, 12 threads waiting", from the application's Hikari pool. */
  private static Supplier<String> poolStatus(ConfigurableApplicationContext app)
      throws SQLException {
    DataSource dataSource = app.getBean(DataSource.class);
    if (!dataSource.isWrapperFor(HikariDataSource.class)) {
      return () -> "";
    }
    HikariPoolMXBean pool = dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
    return () ->
        String.format(
            "JDBC pool %d/%d busy, %d threads waiting",
            pool.getActiveConnections(),
            pool.getTotalConnections(),
            pool.getThreadsAwaitingConnection());
  }

  private Path freshDirectory(String name) throws IOException {
    Path dir = config.runDir().resolve(name);
    BenchDatabase.deleteRecursively(dir);
    return Files.createDirectories(dir);
  }

  private static Path logFile(BenchConfig config) {
    return config.runDir().resolve("parley-bench.log");
  }

  private ConfigurableApplicationContext startApplication(BenchDatabase database, int port)
      throws IOException {
    // Command-line arguments, not SpringApplicationBuilder.properties(): those are defaults and
    // application.yml (e.g. spring.datasource.url: ${PARLEY_DB_URL:...}) would win over them.
    List<String> args = new ArrayList<>();
    args.add("--spring.datasource.url=" + database.jdbcUrl());
    args.add("--spring.datasource.username=" + BenchDatabase.USER);
    args.add("--spring.datasource.password=" + BenchDatabase.PASSWORD);
    args.add("--spring.datasource.hikari.maximum-pool-size=" + config.poolSize());
    args.add("--server.address=127.0.0.1");
    args.add("--server.port=" + port);
    args.add("--server.shutdown=immediate");
    // Files the application keeps beside the database (full-text index, attachments) go to the
    // work directory, fresh for every run, never to ./data of the directory the run started in.
    args.add("--parley.search.index-dir=" + freshDirectory("search-index"));
    args.add("--parley.conversations.attachment-dir=" + freshDirectory("attachments"));
    args.add("--parley.demo.enabled=true");
    args.add("--parley.identity.admin-password=" + ADMIN_PASSWORD);
    args.add("--parley.identity.bcrypt-strength=4");
    args.add("--spring.main.banner-mode=off");
    args.add("--logging.level.root=WARN");
    args.add("--logging.level.io.parley=WARN");
    return new SpringApplicationBuilder(ParleyApplication.class).run(args.toArray(String[]::new));
  }

  /** The case API if it answers; otherwise (api=auto) the existing endpoints, said loudly. */
  private Scenario chooseScenario(URI base, BenchAgents.Agent agent) throws Exception {
    if (config.api().equals("existing")) {
      return new ExistingApiScenario();
    }
    HttpResponse<String> probe =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(base.resolve("/api/v1/cases?view=mine&page=0&size=1"))
                    .header("Authorization", "Bearer " + agent.token())
                    .timeout(Duration.ofSeconds(60))
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (probe.statusCode() / 100 == 2) {
      return new CaseScenario();
    }
    String answer =
        "GET /api/v1/cases answered " + probe.statusCode() + " " + abbreviate(probe.body());
    if (config.api().equals("cases")) {
      throw new IllegalStateException("The case API is not usable: " + answer);
    }
    say("");
    say("*** The case API is not available (%s).", answer);
    say("*** Driving the existing endpoints instead: this proves the harness, not the goal.");
    say("");
    return new ExistingApiScenario();
  }

  private void report(
      Scenario scenario,
      List<LoadDriver.Phase> phases,
      CaseSeeder.Seeded seeded,
      long[] after,
      List<String> pgSettings,
      Instant began,
      List<String> topStatements) {
    LoadDriver.Phase measured = phases.get(phases.size() - 1);
    Runtime runtime = Runtime.getRuntime();
    long memory = -1;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      memory = os.getTotalMemorySize();
    }
    out.println();
    out.println("==== Parley case load run: results ====");
    out.printf(
        "machine:  %d cores, %s RAM, %s %s; Java %s (%s %s), max heap %,d MB%n",
        runtime.availableProcessors(),
        memory < 0 ? "?" : String.format("%.1f GiB", memory / (1024.0 * 1024 * 1024)),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        Runtime.version(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.vm.vendor"),
        runtime.maxMemory() / (1024 * 1024));
    out.printf("database: %s%n", String.join(", ", pgSettings));
    out.printf(
        "dataset:  %,d cases, %,d messages at the start (seeded %,d cases in %.1f s), %,d cases,"
            + " %,d messages at the end%n",
        seeded.cases(),
        seeded.messages(),
        config.cases(),
        seeded.millis() / 1000.0,
        after[0],
        after[1]);
    out.printf(
        "load:     %,d agents, one thread each, %d shared HTTP/1.1 clients, loopback; app JDBC pool"
            + " %d%n",
        config.agents(), config.httpClients(), config.poolSize());
    out.printf("mode:     %s%n", pacing(config));
    out.printf("scenario: %s%n", scenario.description());
    for (LoadDriver.Phase phase : phases) {
      if (phase == measured) {
        continue;
      }
      out.printf(
          "%-9s %.1f s, %s%s, %,d requests (%.1f req/s), %,d errors (not in the table); CPU %s%n",
          phase.name + ":",
          phase.seconds(),
          phase.pacing.toString().toLowerCase(java.util.Locale.ROOT),
          phase.pacing == BenchConfig.Pacing.CLOSED
              ? phase.thinkMillis > 0 ? " (think " + phase.thinkMillis + " ms)" : ""
              : " (think mean " + phase.thinkMillis + " ms)",
          phase.httpRequests.sum(),
          phase.httpRequests.sum() / phase.seconds(),
          phase.httpErrors.sum(),
          CpuSample.describe(phase.cpuStart, phase.cpuEnd));
    }
    out.printf(
        "measured: %.1f s; CPU %s%n",
        measured.seconds(), CpuSample.describe(measured.cpuStart, measured.cpuEnd));
    out.printf(
        "          rate: offered %s; achieved %.1f req/s%n",
        offered(config, scenario), measured.httpRequests.sum() / measured.seconds());
    if (config.mode() == BenchConfig.Pacing.OPEN) {
      out.printf(
          "          schedule at the end: %d agents more than 1 s behind, largest lag %,d ms%n",
          measured.agentsBehind, measured.maxLagMillis);
    }
    out.printf(
        "          CPU per HTTP request: %s%n",
        CpuSample.perRequest(measured.cpuStart, measured.cpuEnd, measured.httpRequests.sum()));
    warnIfShared(measured.cpuStart, measured.cpuEnd);
    out.println(
        config.mode() == BenchConfig.Pacing.OPEN
            ? "latency:  client side, from the action's scheduled start to the full response"
                + " (waiting behind a slow answer counts), successful (2xx) requests only; \"open\""
                + " = case + messages back to back"
            : "latency:  client side, send to full response, successful (2xx) requests only;"
                + " \"open\" = case + messages back to back");
    out.println();
    Report.table(out, scenario, measured, false);
    out.println();
    if (config.mode() == BenchConfig.Pacing.OPEN) {
      out.println("Service time (from sending the request, as a closed-loop client would see it):");
      Report.table(out, scenario, measured, true);
      out.println();
    }
    out.printf(
        "Goal: p99 <= %.0f ms and p50 <= %.0f ms per endpoint (printed, not asserted).%n",
        Report.GOAL_P99_MS, Report.GOAL_P50_MS);
    out.println();
    topStatements.forEach(out::println);
    out.println();
    phases.forEach(phase -> Report.errors(out, phase));
    out.printf("Server-side log (%s): %s%n", logSummary(logFile(config)), logFile(config));
    out.printf("Whole run: %.1f s%n", Duration.between(began, Instant.now()).toMillis() / 1000.0);
    out.flush();
  }

  /** "paced: random think time after each answer, exponential, mean 5000 ms". */
  static String pacing(BenchConfig config) {
    return switch (config.mode()) {
      case CLOSED ->
          config.thinkMillis() == 0
              ? "closed loop, saturated (no think time: the next request as soon as the answer"
                  + " came)"
              : "closed loop, fixed think time " + config.thinkMillis() + " ms after each action";
      case PACED ->
          "paced (human agents): random think time after each answer, exponential, mean "
              + config.thinkMillis()
              + " ms; loop list -> think -> open -> think -> reply -> think";
      case OPEN ->
          "open loop: actions on a schedule with random gaps (exponential, mean "
              + config.thinkMillis()
              + " ms) whatever the answers; latency from the scheduled start; loop list -> open"
              + " -> reply";
    };
  }

  /** The request rate the agents offer: none in a closed loop, from the think time otherwise. */
  private static String offered(BenchConfig config, Scenario scenario) {
    if (config.mode() == BenchConfig.Pacing.CLOSED) {
      return config.thinkMillis() == 0
          ? "unbounded (closed loop: as fast as answered)"
          : String.format(
              "at most %.1f req/s (closed loop with think time)",
              config.agents()
                  * scenario.requestsPerTurn()
                  / (scenario.thinksPerTurn() * config.thinkMillis() / 1000.0));
    }
    double rate =
        config.agents()
            * scenario.requestsPerTurn()
            / (scenario.thinksPerTurn() * config.thinkMillis() / 1000.0);
    return config.mode() == BenchConfig.Pacing.OPEN
        ? String.format("%.1f req/s scheduled", rate)
        : String.format("%.1f req/s if answers took no time (less as they take longer)", rate);
  }

  /** "31 errors, 82 warnings" logged so far. */
  private static String logSummary(Path log) {
    try (var lines = Files.lines(log)) {
      long[] counts = new long[2];
      lines.forEach(
          line -> {
            if (line.matches("^[0-9:.]+ \\[[^]]*\\] ERROR .*")) {
              counts[0]++;
            } else if (line.matches("^[0-9:.]+ \\[[^]]*\\] WARN .*")) {
              counts[1]++;
            }
          });
      return String.format("%,d errors, %,d warnings", counts[0], counts[1]);
    } catch (IOException | java.io.UncheckedIOException e) {
      return "unreadable";
    }
  }

  /**
   * Samples the CPU for 3 s before the load; while other processes (a build, tests) keep the
   * machine busy, waits for them, up to {@code quiet-wait} seconds, then goes ahead and says so.
   */
  private void waitForQuiet(Supplier<CpuSample> cpu) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(config.quietWaitSeconds()).toNanos();
    boolean waited = false;
    while (true) {
      CpuSample from = cpu.get();
      Thread.sleep(3_000);
      CpuSample to = cpu.get();
      double others = CpuSample.otherProcessCores(from, to);
      if (others < 0.2 || System.nanoTime() >= deadline) {
        say("CPU before the load (3 s, nothing running): %s", CpuSample.describe(from, to));
        warnIfShared(from, to);
        return;
      }
      if (!waited) {
        say(
            "Other processes use %.2f cores (%s); waiting up to %d s for a quiet machine...",
            others, CpuSample.busiestOthers(from, to), config.quietWaitSeconds());
        waited = true;
      }
    }
  }

  /** Says so when other processes (a build, tests) took CPU the run needed. */
  private void warnIfShared(CpuSample from, CpuSample to) {
    double others = CpuSample.otherProcessCores(from, to);
    if (others >= 0.2) {
      say(
          "*** Other processes on this machine used %.2f cores (%s): the latencies are disturbed;"
              + " run again on a quiet machine.",
          others, CpuSample.busiestOthers(from, to));
    }
  }

  private static List<String> postgresSettings(Connection connection) throws SQLException {
    List<String> settings = new ArrayList<>();
    try (Statement s = connection.createStatement()) {
      for (String name :
          List.of(
              "server_version",
              "shared_buffers",
              "synchronous_commit",
              "fsync",
              "full_page_writes",
              "max_connections",
              "work_mem",
              "max_wal_size")) {
        try (ResultSet rs = s.executeQuery("show " + name)) {
          rs.next();
          settings.add(
              (name.equals("server_version") ? "PostgreSQL " : name + "=")
                  + rs.getString(1).replaceAll(" .*", ""));
        }
      }
    }
    return settings;
  }

  private static long[] counts(Connection connection) throws SQLException {
    long[] counts = new long[2];
    try (Statement s = connection.createStatement()) {
      try (ResultSet rs = s.executeQuery("select count(*) from conversations_case")) {
        rs.next();
        counts[0] = rs.getLong(1);
      }
      try (ResultSet rs = s.executeQuery("select count(*) from conversations_message")) {
        rs.next();
        counts[1] = rs.getLong(1);
      }
    }
    return counts;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String abbreviate(String body) {
    String text = body == null ? "" : body.replaceAll("\\s+", " ");
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  private void say(String format, Object... args) {
    out.println(args.length == 0 ? format : String.format(format, args));
    out.flush();
  }
}
