package io.parley.bench;

import io.parley.ParleyApplication;
import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelAccounts;
import io.parley.channels.InboundAuthor;
import io.parley.channels.InboundMessage;
import io.parley.channels.Ingest;
import io.parley.channels.IngestResult;
import io.parley.identity.BrandSummary;
import io.parley.listening.Post;
import io.parley.listening.RuleEngine;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar bench/target/parley-bench.jar listening}: the listening benchmark of issue #6.
 * One run, one table: single-thread posts/second of Parley's matcher and its peers on the same
 * generated posts and rules, the reload time of all rules, and end to end, posts through the real
 * inbound pipeline (listening, then a case committed in PostgreSQL) from several threads.
 */
public final class ListeningRun {

  private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

  static {
    DEFAULTS.put("posts", "200000");
    DEFAULTS.put("rules", "10000");
    DEFAULTS.put("passes", "3");
    DEFAULTS.put("monitor-posts", "3000");
    DEFAULTS.put("naive-posts", "500");
    DEFAULTS.put("e2e", "true");
    DEFAULTS.put("e2e-threads", "16");
    DEFAULTS.put("e2e-warmup", "20");
    DEFAULTS.put("e2e-duration", "40");
    DEFAULTS.put("e2e-batch", "50");
    DEFAULTS.put("e2e-drain", "1800");
    DEFAULTS.put("capture", "true");
    DEFAULTS.put("floor", "true");
    DEFAULTS.put("floor-cases", "20000");
    DEFAULTS.put("pool", "40");
    DEFAULTS.put("shared-buffers", "1GB");
    DEFAULTS.put("work-dir", "");
  }

  private final Map<String, String> settings;
  private final List<String[]> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  /** Matched posts per page in the measured period: the cases one capture commits together. */
  private double casesPerCommit = 1;

  private final List<String> statementLines = new ArrayList<>();

  private ListeningRun(Map<String, String> settings) {
    this.settings = settings;
  }

  public static Map<String, String> help() {
    return DEFAULTS;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> settings = new LinkedHashMap<>(DEFAULTS);
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("Expected --name=value, got: " + arg);
      }
      String name = arg.substring(2, arg.indexOf('='));
      if (!DEFAULTS.containsKey(name)) {
        throw new IllegalArgumentException(
            "Unknown setting --" + name + "; known: " + DEFAULTS.keySet());
      }
      settings.put(name, arg.substring(arg.indexOf('=') + 1));
    }
    new ListeningRun(settings).run();
  }

  private int intOf(String name) {
    return Integer.parseInt(settings.get(name).replace("_", ""));
  }

  private static void say(String format, Object... args) {
    System.out.printf("[%tT] %s%n", System.currentTimeMillis(), String.format(format, args));
  }

  void run() throws Exception {
    int ruleCount = intOf("rules");
    int postCount = intOf("posts");
    say(
        "Listening benchmark: %,d rules, %,d posts (English and Chinese); %d cores; Java %s",
        ruleCount,
        postCount,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    long t = System.nanoTime();
    ListeningWorkload workload = new ListeningWorkload(ruleCount, postCount);
    say("Generated in %,d ms", (System.nanoTime() - t) / 1_000_000);
    ListeningMatchers matchers = new ListeningMatchers(workload);
    int passes = intOf("passes");

    say("(a) Parley, %d passes...", passes);
    ListeningMatchers.Result parley = matchers.parleyRules(passes);
    ListeningMatchers.Result parleyTerms = matchers.parleyTerms(passes);
    say("(b) AhoCorasickDoubleArrayTrie, %d passes...", passes);
    ListeningMatchers.Result hankcs = matchers.hankcs(passes);
    say("(c) Lucene Monitor over %,d posts...", Math.min(intOf("monitor-posts"), postCount));
    ListeningMatchers.Result monitor = matchers.luceneMonitor(intOf("monitor-posts"));
    say("(d) naive String.contains over %,d posts...", Math.min(intOf("naive-posts"), postCount));
    ListeningMatchers.Result naive = matchers.naive(intOf("naive-posts"));
    double reload = matchers.reloadMillis(5);

    for (ListeningMatchers.Result r : List.of(parley, parleyTerms, hankcs, monitor, naive)) {
      rows.add(
          new String[] {
            r.name(),
            String.format(Locale.ROOT, "%,d", r.posts()),
            String.format(Locale.ROOT, "%,.0f", r.postsPerSecond()),
            String.format(Locale.ROOT, "%,.0f", r.postsPerWallSecond()),
            String.format(
                Locale.ROOT,
                "%,d (%.1f %%)",
                r.matchedPosts(),
                100.0 * r.matchedPosts() / r.posts()),
            String.format(Locale.ROOT, "%.2f×", r.postsPerSecond() / monitor.postsPerSecond()),
            r.buildMillis() > 0 ? String.format(Locale.ROOT, "%,.0f ms", r.buildMillis()) : ""
          });
    }
    rows.add(
        new String[] {
          "Parley reload: parse + compile "
              + String.format(Locale.ROOT, "%,d", ruleCount)
              + " rules",
          "",
          "",
          "",
          "",
          "",
          String.format(Locale.ROOT, "%,.0f ms CPU (median of 5)", reload)
        });
    notes.add(
        String.format(
            Locale.ROOT,
            "Parley vs AhoCorasickDoubleArrayTrie: %.2f× with full boolean rules, %.2f× automaton"
                + " against automaton; full boolean rules vs Lucene Monitor: %.1f× (goal ≥ 25×).",
            parley.postsPerSecond() / hankcs.postsPerSecond(),
            parleyTerms.postsPerSecond() / hankcs.postsPerSecond(),
            parley.postsPerSecond() / monitor.postsPerSecond()));

    if (Boolean.parseBoolean(settings.get("e2e"))) {
      print(); // the matchers' figures, in case the end-to-end part fails
      say("End to end...");
      try {
        endToEnd(workload, matchers.parley());
      } catch (Exception | Error e) {
        e.printStackTrace();
        notes.add("End to end failed: " + e);
      }
    }
    print();
  }

  private void print() {
    System.out.println();
    System.out.println(
        "| run | posts | posts per CPU second (1 thread) | posts/s wall clock | posts matched |"
            + " × Lucene Monitor | build / reload |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (String[] row : rows) {
      System.out.println("| " + String.join(" | ", row) + " |");
    }
    System.out.println();
    notes.forEach(n -> System.out.println("- " + n));
    if (!statementLines.isEmpty()) {
      System.out.println();
      statementLines.forEach(System.out::println);
    }
  }

  private void endToEnd(ListeningWorkload workload, RuleEngine engine) throws Exception {
    List<String> configArgs = new ArrayList<>();
    configArgs.add("--pool=" + settings.get("pool"));
    configArgs.add("--shared-buffers=" + settings.get("shared-buffers"));
    if (!settings.get("work-dir").isBlank()) {
      configArgs.add("--work-dir=" + settings.get("work-dir"));
    }
    BenchConfig config = BenchConfig.parse(configArgs.toArray(String[]::new));
    config.cleanStaleRuns();
    Files.createDirectories(config.runDir());
    System.setProperty("bench.log.file", config.runDir().resolve("parley-bench.log").toString());
    long t = System.nanoTime();
    try (BenchDatabase database = BenchDatabase.start(config)) {
      say("PostgreSQL started in %,d ms", (System.nanoTime() - t) / 1_000_000);
      t = System.nanoTime();
      ConfigurableApplicationContext app =
          start(database, config, Boolean.parseBoolean(settings.get("capture")));
      try {
        say("Parley started in %,d ms", (System.nanoTime() - t) / 1_000_000);
        BrandSummary acme = BenchAgents.brands(app).mobile();
        ChannelAccountId account =
            app.getBean(ChannelAccounts.class)
                .register(acme.id(), "weibo", "Bench Weibo stream", "@acme-bench")
                .id();
        try (Connection connection = database.connect()) {
          insertRules(connection, workload.rules, acme.id().value());
        }
        double reload = reloadFromDatabase(app);
        rows.add(
            new String[] {
              "Parley reload from PostgreSQL (read + parse + compile + swap), "
                  + String.format(Locale.ROOT, "%,d", workload.rules.size())
                  + " rules",
              "",
              "",
              "",
              "",
              "",
              String.format(Locale.ROOT, "%,.0f ms (median of 3)", reload)
            });
        StorageFloor floor = new StorageFloor(database);
        // Backends report their table counts at most once a second, and after 10 s when idle.
        Thread.sleep(11_000);
        Map<String, long[]> before = floor.counts();
        long cases = drive(app, database, workload, engine, account, acme.id().value());
        if (Boolean.parseBoolean(settings.get("floor")) && cases > 0) {
          // The work left after the last commit (audit chain links) is part of what a case
          // writes; then Parley stops, so that the floor shares the machine with nothing.
          floor.awaitEmpty("compliance_audit_pending", 120);
          Thread.sleep(11_000);
          Map<String, long[]> after = floor.counts();
          app.close();
          storageFloor(floor, before, after, cases, workload);
        }
      } finally {
        app.close();
      }
    } finally {
      BenchDatabase.deleteRecursively(config.runDir().resolve("search-index"));
      BenchDatabase.deleteRecursively(config.runDir().resolve("attachments"));
    }
  }

  /**
   * The storage floor: what PostgreSQL alone spends on the rows the end-to-end run wrote per case,
   * on the least a case can be (also at 100 per commit, between the two), and on an append-only log
   * of the matched posts, with 10 and with 500 per commit.
   */
  private void storageFloor(
      StorageFloor floor,
      Map<String, long[]> before,
      Map<String, long[]> after,
      long cases,
      ListeningWorkload workload)
      throws Exception {
    List<StorageFloor.Written> written = floor.perCase(before, after, cases);
    notes.add(
        "Rows per matched post in the end-to-end run (pg_stat_user_tables, whole run): "
            + StorageFloor.describe(written)
            + ".");
    int threads = intOf("e2e-threads");
    int floorCases = (int) Math.min(intOf("floor-cases"), cases);
    if (Boolean.parseBoolean(settings.get("capture"))) {
      int perCommit = (int) Math.max(1, Math.round(casesPerCommit));
      say("Capture floor: %,d captured cases' rows, %d per commit...", floorCases, perCommit);
      floorRow(
          String.format(
              Locale.ROOT,
              "Capture floor, no Parley code: the rows the capture commits per matched post"
                  + " (inbound record, case, message, completion row: 4 rows, 15 index entries),"
                  + " copied from cases still being opened by plain JDBC multi-row inserts into"
                  + " look-alike tables (same indexes, no foreign keys), %d cases per commit (the"
                  + " run's matched posts per page), %d threads",
              perCommit,
              threads),
          floor.captureReplay(floorCases, perCommit, threads),
          "cases");
    }
    for (int perCommit : new int[] {10, 500}) {
      say("Storage floor: %,d cases' rows, %d per commit...", floorCases, perCommit);
      floorRow(
          String.format(
              Locale.ROOT,
              "Storage floor, no Parley code: the rows a matched post left (every table above"
                  + " but rows deleted again), plain JDBC multi-row inserts into look-alike tables"
                  + " (same indexes, no foreign keys), %d cases per commit, %d threads",
              perCommit,
              threads),
          floor.replay(written, floorCases, perCommit, threads),
          "cases");
    }
    List<ListeningWorkload.Post> posts = workload.posts;
    for (int perCommit : new int[] {10, 100, 500}) {
      say("Least case floor: 100,000 cases, %d per commit...", perCommit);
      floorRow(
          String.format(
              Locale.ROOT,
              "Least case floor: each matched post as the least a case can be (a case row in its"
                  + " queue's backlog index, its message unique by account + id, one audit entry"
                  + " with a SHA-256 digest: 3 rows, 6 index entries), %d cases per commit, %d"
                  + " threads",
              perCommit,
              threads),
          floor.leastCase(posts, 100_000, perCommit, threads),
          "cases");
    }
    for (int perCommit : new int[] {10, 500}) {
      say("Mentions log floor: 100,000 posts, %d per commit...", perCommit);
      floorRow(
          String.format(
              Locale.ROOT,
              "Mentions log floor: each matched post as one row of one append-only table (unique"
                  + " account + id), %d posts per commit, %d threads",
              perCommit,
              threads),
          floor.mentionLog(posts, 100_000, perCommit, threads),
          "posts");
    }
  }

  private void floorRow(String name, StorageFloor.Result r, String unit) {
    rows.add(
        new String[] {
          name,
          String.format(Locale.ROOT, "%,d", r.units()),
          "",
          String.format(Locale.ROOT, "%,.0f %s/s (all threads)", r.perSecond(), unit),
          "",
          "",
          String.format(
              Locale.ROOT,
              "commit p50 %.1f / p99 %.1f ms; CPU of the floor's threads and their PostgreSQL"
                  + " processes %.3f ms per %s (PostgreSQL %.3f) → %,.0f %s/s on 2 cores",
              r.latency().getValueAtPercentile(50) / 1e6,
              r.latency().getValueAtPercentile(99) / 1e6,
              r.cpuMillisPerUnit(),
              unit.substring(0, unit.length() - 1),
              r.postgresMillisPerUnit(),
              r.onTwoCores(),
              unit)
        });
    notes.add(name + ": " + r.cpu() + ".");
  }

  /** Drives the stream through the pipeline; returns the cases the posts sent should open. */
  private long drive(
      ConfigurableApplicationContext app,
      BenchDatabase database,
      ListeningWorkload workload,
      RuleEngine engine,
      ChannelAccountId account,
      long brandId)
      throws Exception {
    Ingest ingest = app.getBean(Ingest.class);
    int threads = intOf("e2e-threads");
    int warmup = intOf("e2e-warmup");
    int duration = intOf("e2e-duration");
    int batch = Math.max(1, intOf("e2e-batch"));
    List<ListeningWorkload.Post> posts = workload.posts;
    boolean[] matches = new boolean[posts.size()];
    for (int i = 0; i < posts.size(); i++) {
      ListeningWorkload.Post p = posts.get(i);
      matches[i] = engine.match(new Post(p.text(), 1, p.language(), "weibo", 1)).length > 0;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean measuring = new AtomicBoolean(false);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong measuredPosts = new AtomicLong();
    AtomicLong measuredMatched = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    Histogram all = new ConcurrentHistogram(60_000_000_000L, 3);
    Histogram matched = new ConcurrentHistogram(60_000_000_000L, 3);
    say(
        "End to end: %d threads post pages of %d through Ingest (LISTENED Weibo posts; every rule"
            + " opens a case): warm-up %d s, measured %d s...",
        threads, batch, warmup, duration);
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      Thread worker =
          new Thread(
              () -> {
                while (running.get()) {
                  // The stream goes round the generated posts as long as the run lasts, each
                  // lap with new ids (a faster build would otherwise run dry while measured).
                  int first = next.getAndAdd(batch);
                  int last = first + batch;
                  List<InboundMessage> page = new ArrayList<>(batch);
                  for (int k = first; k < last; k++) {
                    int i = k % posts.size();
                    ListeningWorkload.Post p = posts.get(i);
                    int author = i % 20_000;
                    page.add(
                        new InboundMessage(
                            "bench-" + k,
                            null,
                            List.of(),
                            new InboundAuthor(
                                "weibo",
                                "author-" + author,
                                "fan" + author,
                                "Fan " + author,
                                null,
                                null),
                            null,
                            p.text(),
                            null,
                            List.of(),
                            true,
                            Instant.now(),
                            Map.of(),
                            InboundMessage.Source.LISTENED,
                            p.language()));
                  }
                  long start = System.nanoTime();
                  List<IngestResult> results;
                  try {
                    results =
                        batch == 1
                            ? List.of(ingest.receive(account, page.get(0)))
                            : ingest.receiveAll(account, page);
                  } catch (RuntimeException e) {
                    failures.addAndGet(page.size());
                    continue;
                  }
                  long took = System.nanoTime() - start;
                  for (int r = 0; r < results.size(); r++) {
                    // A post no rule matches is ignored (not stored); any other outcome but
                    // accepted is a failure.
                    IngestResult.Outcome expected =
                        matches[(first + r) % posts.size()]
                            ? IngestResult.Outcome.ACCEPTED
                            : IngestResult.Outcome.IGNORED;
                    if (results.get(r).outcome() != expected) {
                      failures.incrementAndGet();
                    }
                  }
                  if (measuring.get()) {
                    for (int k = first; k < last; k++) {
                      measuredPosts.incrementAndGet();
                      all.recordValue(Math.min(took, 59_000_000_000L));
                      if (matches[k % posts.size()]) {
                        measuredMatched.incrementAndGet();
                        matched.recordValue(Math.min(took, 59_000_000_000L));
                      }
                    }
                  }
                }
              },
              "listening-post-" + w);
      worker.setDaemon(true);
      worker.start();
      workers.add(worker);
    }
    Thread.sleep(warmup * 1000L);
    Connection statsConnection = database.connect();
    StatementStats statements = new StatementStats(statsConnection);
    statements.reset();
    long postmaster = database.postmasterPid();
    long waitingFrom = waiting(statsConnection, account);
    CpuSample cpuFrom = CpuSample.now(postmaster);
    measuring.set(true);
    long start = System.nanoTime();
    double load = loadAverage();
    Thread.sleep(duration * 1000L);
    measuring.set(false);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (measuredPosts.get() > 0) {
      casesPerCommit = (double) batch * measuredMatched.get() / measuredPosts.get();
    }
    CpuSample cpuTo = CpuSample.now(postmaster);
    long waitingTo = waiting(statsConnection, account);
    statementLines.addAll(statements.top(30));
    statementLines.add(statements.totals());
    double loadAfter = loadAverage();
    running.set(false);
    for (Thread worker : workers) {
      worker.join(60_000);
    }
    // The captured cases still to complete (customer, tier, clocks, routing, audit, mention) are
    // completed now, with the stream stopped: how fast, and at what CPU per case.
    long backlog = waiting(statsConnection, account);
    say("Completing the %,d captured cases still waiting...", backlog);
    CpuSample drainFrom = CpuSample.now(postmaster);
    long drainStart = System.nanoTime();
    long drainUntil = drainStart + intOf("e2e-drain") * 1_000_000_000L;
    long left = backlog;
    long progressAt = System.nanoTime();
    while (left > 0 && System.nanoTime() < drainUntil) {
      Thread.sleep(250);
      long now = waiting(statsConnection, account);
      if (now < left) {
        progressAt = System.nanoTime();
      } else if (System.nanoTime() - progressAt > 60_000_000_000L) {
        say("No captured case completed for 60 s: %,d left", now);
        left = now;
        break;
      }
      left = now;
    }
    double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
    CpuSample drainTo = CpuSample.now(postmaster);
    statsConnection.close();
    int sent = next.get();
    long expectedCases = 0;
    for (int k = 0; k < sent; k++) {
      if (matches[k % posts.size()]) {
        expectedCases++;
      }
    }
    long cases;
    long mentions;
    long distinctCases;
    try (Connection connection = database.connect();
        PreparedStatement ps =
            connection.prepareStatement(
                "select (select count(*) from conversations_case where channel_account_id = ?),"
                    + " (select count(*) from listening_mention where channel_account_id = ?),"
                    + " (select count(distinct m.case_id) from conversations_message m join"
                    + " conversations_case c on c.id = m.case_id where c.channel_account_id = ?)")) {
      ps.setLong(1, account.value());
      ps.setLong(2, account.value());
      ps.setLong(3, account.value());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        cases = rs.getLong(1);
        mentions = rs.getLong(2);
        distinctCases = rs.getLong(3);
      }
    }
    rows.add(
        new String[] {
          String.format(
              Locale.ROOT,
              "End to end, %d threads, pages of %d: posts → listening → committed (when matched:"
                  + " %s; a post no rule matches is not stored)",
              threads,
              batch,
              capturing()
                  ? "inbound record and the case captured"
                  : "inbound record, mention and the whole case"),
          String.format(Locale.ROOT, "%,d", measuredPosts.get()),
          "",
          String.format(Locale.ROOT, "%,.0f posts/s (all threads)", measuredPosts.get() / seconds),
          String.format(
              Locale.ROOT,
              "%,d → %,.0f cases/s",
              measuredMatched.get(),
              measuredMatched.get() / seconds),
          "",
          String.format(
              Locale.ROOT,
              "latency p50 %.1f / p99 %.1f / max %.1f ms (matched post handed over → case "
                  + (capturing() ? "captured)" : "committed)"),
              matched.getValueAtPercentile(50) / 1e6,
              matched.getValueAtPercentile(99) / 1e6,
              matched.getMaxValue() / 1e6)
        });
    notes.add(
        String.format(
            Locale.ROOT,
            "End to end: %,d posts sent in all (warm-up included), %,d of them match a rule;"
                + " PostgreSQL holds %,d cases and %,d mentions for the stream's account (%,d"
                + " distinct cases with messages); %,d failures. All posts: p50 %.1f / p99 %.1f ms."
                + " Load average %.1f before / %.1f after the measured period (%d cores).",
            sent,
            expectedCases,
            cases,
            mentions,
            distinctCases,
            failures.get(),
            all.getValueAtPercentile(50) / 1e6,
            all.getValueAtPercentile(99) / 1e6,
            load,
            loadAfter,
            Runtime.getRuntime().availableProcessors()));
    notes.add(cpuNote(cpuFrom, cpuTo, measuredPosts.get(), measuredMatched.get()));
    long completedInWindow = waitingFrom + measuredMatched.get() - waitingTo;
    double[] drainCores = CpuSample.cores(drainFrom, drainTo);
    double drained = backlog - left;
    double completionCpu =
        drainCores == null || drained <= 0
            ? 0
            : (drainCores[1] + drainCores[2]) * drainSeconds * 1000 / drained;
    double[] windowCores = CpuSample.cores(cpuFrom, cpuTo);
    // Capture's own CPU: Parley without the load generator's threads, and PostgreSQL, less what
    // the completions made during the stream cost (at the drain's rate per case).
    double captureCpu =
        windowCores == null || measuredMatched.get() == 0
            ? 0
            : Math.max(
                    0,
                    (windowCores[1] - windowCores[4] + windowCores[2]) * seconds * 1000
                        - completedInWindow * completionCpu)
                / measuredMatched.get();
    if (!capturing()) {
      return cases; // the former intake: each case was complete when its page committed
    }
    rows.add(
        new String[] {
          "Completion behind the capture (customer, tier tags and queue, history, SLA clocks,"
              + " routing, audit, mention, full-text index), 1 completer thread",
          String.format(Locale.ROOT, "%,d", (long) drained),
          "",
          String.format(
              Locale.ROOT,
              "%,.0f cases/s during the stream; %,.0f cases/s after it stopped",
              completedInWindow / seconds,
              drainSeconds == 0 ? 0 : drained / drainSeconds),
          "",
          "",
          String.format(
              Locale.ROOT,
              "backlog %,d at the end of the stream, %,d left after %.0f s; %.2f ms of CPU per"
                  + " completed case (Parley + PostgreSQL, stream stopped)",
              backlog,
              left,
              drainSeconds,
              completionCpu)
        });
    notes.add(
        String.format(
            Locale.ROOT,
            "Capture and completion: %,d captured cases were waiting when the measured period"
                + " began and %,d when it ended; %,d were completed during it (%,.0f/s). After the"
                + " stream stopped, %,.0f were completed in %.1f s. CPU while draining: %s. Per"
                + " case, capture (Parley but the load generator, and PostgreSQL, in the measured"
                + " period, all posts' work included, less the completions made during it) %.2f"
                + " ms and completion %.2f ms: both on 2 cores alone sustain about %,.0f cases/s.",
            waitingFrom,
            waitingTo,
            completedInWindow,
            completedInWindow / seconds,
            drained,
            drainSeconds,
            CpuSample.describe(drainFrom, drainTo),
            captureCpu,
            completionCpu,
            completionCpu <= 0 ? 0 : 2000 / (captureCpu + completionCpu)));
    // The cases committed (failed pages and unfinished ones are not), to divide the rows by.
    return cases;
  }

  /** Whether listened posts' cases are captured and completed after commit (the default). */
  private boolean capturing() {
    return Boolean.parseBoolean(settings.get("capture"));
  }

  /** The account's captured cases still waiting for completion. */
  private static long waiting(Connection connection, ChannelAccountId account) throws Exception {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "select count(*) from channels_captured where account_id = ? and attempts < 5")) {
      ps.setLong(1, account.value());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** CPU time per post and per matched post, and what two cores alone would sustain. */
  private static String cpuNote(CpuSample from, CpuSample to, long posts, long matched) {
    double[] cores = CpuSample.cores(from, to);
    if (cores == null || posts <= 0) {
      return "CPU: unknown";
    }
    double seconds = (to.nanos() - from.nanos()) / 1e9;
    double parleyAndPostgres = (cores[1] + cores[2]) * seconds;
    return String.format(
        Locale.ROOT,
        "CPU in the measured period: %s. Parley (pipeline threads included) and PostgreSQL used"
            + " %.2f ms of CPU per post, %.2f ms per matched post (all posts' work included):"
            + " with 2 cores to themselves that is about %,.0f posts/s, %,.0f matched posts →"
            + " cases/s.",
        CpuSample.describe(from, to),
        parleyAndPostgres * 1000 / posts,
        matched == 0 ? 0 : parleyAndPostgres * 1000 / matched,
        2 / (parleyAndPostgres / posts),
        matched == 0 ? 0 : 2 / (parleyAndPostgres / matched));
  }

  private static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static void insertRules(Connection connection, List<String> rules, long brandId)
      throws Exception {
    connection.setAutoCommit(false);
    try (PreparedStatement ps =
        connection.prepareStatement(
            "insert into listening_rule (brand_id, name, query, action, notify, priority, tags,"
                + " active, created_at, updated_at) values (?, ?, ?, 'OPEN_CASE', false, ?, ?,"
                + " true, ?, ?)")) {
      Timestamp now = Timestamp.from(Instant.now());
      for (int i = 0; i < rules.size(); i++) {
        ps.setLong(1, brandId);
        ps.setString(2, "bench rule " + i);
        ps.setString(3, rules.get(i));
        ps.setString(4, i % 10 == 0 ? "HIGH" : null);
        ps.setString(5, i % 3 == 0 ? "brand:acme,product:p" + (i % 50) : "competitor:c" + (i % 5));
        ps.setTimestamp(6, now);
        ps.setTimestamp(7, now);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    connection.commit();
  }

  /** Times the application's own reload (LiveRules#reload, internal: reached by reflection). */
  private static double reloadFromDatabase(ConfigurableApplicationContext app) throws Exception {
    Class<?> type = Class.forName("io.parley.listening.internal.LiveRules");
    Object live = app.getBean(type);
    Method reload = type.getDeclaredMethod("reload");
    reload.setAccessible(true);
    double[] ms = new double[3];
    for (int i = 0; i < ms.length; i++) {
      long t = System.nanoTime();
      reload.invoke(live);
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    return ms[1];
  }

  private static ConfigurableApplicationContext start(
      BenchDatabase database, BenchConfig config, boolean capture) throws IOException {
    List<String> args = new ArrayList<>();
    args.add("--parley.channels.capture-listened=" + capture);
    args.add("--spring.datasource.url=" + database.jdbcUrl());
    args.add("--spring.datasource.username=" + BenchDatabase.USER);
    args.add("--spring.datasource.password=" + BenchDatabase.PASSWORD);
    args.add("--spring.datasource.hikari.maximum-pool-size=" + config.poolSize());
    args.add("--server.address=127.0.0.1");
    try (ServerSocket socket = new ServerSocket(0)) {
      args.add("--server.port=" + socket.getLocalPort());
    }
    args.add("--server.shutdown=immediate");
    Path index = config.runDir().resolve("search-index");
    Path attachments = config.runDir().resolve("attachments");
    BenchDatabase.deleteRecursively(index);
    BenchDatabase.deleteRecursively(attachments);
    args.add("--parley.search.index-dir=" + Files.createDirectories(index));
    args.add("--parley.conversations.attachment-dir=" + Files.createDirectories(attachments));
    args.add("--parley.demo.enabled=true");
    args.add("--parley.identity.admin-password=bench-admin-password-2026");
    args.add("--parley.identity.bcrypt-strength=4");
    args.add("--parley.listening.reload-check=1h");
    args.add("--spring.main.banner-mode=off");
    args.add("--logging.level.root=WARN");
    args.add("--logging.level.io.parley=WARN");
    return new SpringApplicationBuilder(ParleyApplication.class).run(args.toArray(String[]::new));
  }
}
