package io.parley.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What storing a case costs PostgreSQL alone, without any Parley code: the end-to-end run's own
 * rows (as many per case, in the same tables, with the same indexes) copied by plain JDBC multi-row
 * inserts into empty look-alike tables, a set number of cases per durable commit. It bounds from
 * above what any intake on this machine could reach with this schema, so the gap between it and the
 * end-to-end rate is the application's, and the gap between it and a goal is the schema's and the
 * machine's. A second run stores the matched posts in one append-only table (the "mentions log" a
 * faster design would write first) for the same comparison.
 */
final class StorageFloor {

  /** Tables written per case below this are left out (a page's or a run's own rows). */
  private static final double LEAST_ROWS_PER_CASE = 0.005;

  private final BenchDatabase database;
  private final long postmasterPid;

  StorageFloor(BenchDatabase database) {
    this.database = database;
    this.postmasterPid = database.postmasterPid();
  }

  /** Rows inserted, updated and deleted so far, per table (pg_stat_user_tables). */
  Map<String, long[]> counts() throws SQLException {
    Map<String, long[]> counts = new LinkedHashMap<>();
    try (Connection c = database.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select relname, n_tup_ins, n_tup_upd, n_tup_del from"
                    + " pg_stat_user_tables where relname not like 'floor%' order by relname")) {
      while (rs.next()) {
        counts.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
      }
    }
    return counts;
  }

  /**
   * Waits, up to {@code seconds}, until {@code table} has no rows left (work done after commit).
   */
  void awaitEmpty(String table, int seconds) throws Exception {
    long until = System.nanoTime() + seconds * 1_000_000_000L;
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      while (System.nanoTime() < until) {
        try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
          rs.next();
          if (rs.getLong(1) == 0) {
            return;
          }
        }
        Thread.sleep(500);
      }
    }
  }

  /** What a case wrote to one table: rows inserted, updated and deleted per case, its indexes. */
  record Written(
      String table, double inserted, double updated, double deleted, int indexes, long kept) {

    /** Most of its rows were deleted again (the audit chain's pending rows): nothing to copy. */
    boolean deletedAgain() {
      return deleted >= inserted * 0.5;
    }
  }

  /** Per case, from two snapshots of {@link #counts()} around a run that opened {@code cases}. */
  List<Written> perCase(Map<String, long[]> before, Map<String, long[]> after, long cases)
      throws SQLException {
    List<Written> written = new ArrayList<>();
    try (Connection c = database.connect();
        PreparedStatement indexes =
            c.prepareStatement("select count(*) from pg_indexes where tablename = ?")) {
      for (Map.Entry<String, long[]> e : after.entrySet()) {
        long[] from = before.getOrDefault(e.getKey(), new long[3]);
        long[] to = e.getValue();
        double inserted = (double) (to[0] - from[0]) / cases;
        if (inserted < LEAST_ROWS_PER_CASE) {
          continue;
        }
        indexes.setString(1, e.getKey());
        int indexCount;
        try (ResultSet rs = indexes.executeQuery()) {
          rs.next();
          indexCount = rs.getInt(1);
        }
        long rows;
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("select count(*) from " + e.getKey())) {
          rs.next();
          rows = rs.getLong(1);
        }
        written.add(
            new Written(
                e.getKey(),
                inserted,
                (double) (to[1] - from[1]) / cases,
                (double) (to[2] - from[2]) / cases,
                indexCount,
                rows));
      }
    }
    return written;
  }

  /** "conversations_case 1.00 (+0.50 updated, 7 indexes), …" */
  static String describe(List<Written> written) {
    List<String> parts = new ArrayList<>();
    for (Written w : written) {
      parts.add(
          String.format(
              Locale.ROOT,
              "%s %.2f%s%s (%d indexes)",
              w.table(),
              w.inserted(),
              w.updated() >= LEAST_ROWS_PER_CASE
                  ? String.format(Locale.ROOT, ", %.2f updated", w.updated())
                  : "",
              w.deleted() >= LEAST_ROWS_PER_CASE
                  ? String.format(Locale.ROOT, ", %.2f deleted", w.deleted())
                  : "",
              w.indexes()));
    }
    return String.join("; ", parts);
  }

  /** One measured run: cases (or posts) stored, wall time, CPU, commit latency. */
  record Result(
      long units,
      double seconds,
      double cpuMillisPerUnit,
      double postgresMillisPerUnit,
      Histogram latency,
      String cpu) {

    double perSecond() {
      return units / seconds;
    }

    /** What two cores to themselves would store per second at this CPU cost. */
    double onTwoCores() {
      return cpuMillisPerUnit <= 0 ? 0 : 2000 / cpuMillisPerUnit;
    }
  }

  /** A table's rows to copy, read once: its columns and their values. */
  private record Source(String table, String insert, List<Object[]> rows, double perCase) {}

  /**
   * Copies the rows {@code cases} cases wrote (the newest of each table) into empty copies of the
   * tables (same columns, defaults and indexes, no foreign keys), {@code casesPerCommit} cases per
   * transaction from {@code threads} threads; once unmeasured to warm up, once measured.
   */
  Result replay(List<Written> written, int cases, int casesPerCommit, int threads)
      throws Exception {
    List<Source> sources = new ArrayList<>();
    try (Connection c = database.connect()) {
      for (Written w : written) {
        if (w.deletedAgain() || w.kept() < Math.ceil(w.inserted() * cases)) {
          continue;
        }
        sources.add(read(c, w, (int) Math.ceil(w.inserted() * cases), ""));
      }
    }
    return copy(sources, cases, casesPerCommit, threads);
  }

  /**
   * What the capture itself (a listened post's transaction: its inbound record, the case row, its
   * message and the completion's row, {@code CaseCapturing}) costs PostgreSQL alone: the newest
   * {@code cases} captured cases still waiting for completion, their four rows each copied as
   * {@link #replay} copies, {@code casesPerCommit} per transaction. The tables and their indexes
   * are Parley's; no foreign keys (two in these tables), so it is slightly optimistic.
   */
  Result captureReplay(int cases, int casesPerCommit, int threads) throws Exception {
    String waiting = "(select inbound_id from channels_captured)";
    Map<String, String> tables = new LinkedHashMap<>();
    tables.put("channels_inbound", "where id in " + waiting);
    tables.put("conversations_case", "where captured");
    tables.put("conversations_message", "where inbound_id in " + waiting + " and kind = 'INBOUND'");
    tables.put("channels_captured", "");
    List<Source> sources = new ArrayList<>();
    try (Connection c = database.connect()) {
      for (Map.Entry<String, String> table : tables.entrySet()) {
        Source source =
            read(c, new Written(table.getKey(), 1, 0, 0, 0, cases), cases, table.getValue());
        if (source.rows().size() < cases) {
          throw new IllegalStateException(
              "Only "
                  + source.rows().size()
                  + " captured rows of "
                  + table.getKey()
                  + " left to copy, "
                  + cases
                  + " wanted (a shorter --e2e-drain keeps more)");
        }
        sources.add(source);
      }
    }
    return copy(sources, cases, casesPerCommit, threads);
  }

  private Result copy(List<Source> sources, int cases, int casesPerCommit, int threads)
      throws Exception {
    int commits = (cases + casesPerCommit - 1) / casesPerCommit;
    BatchWork work =
        (connection, batch) -> {
          for (Source source : sources) {
            int from = (int) Math.floor(batch * casesPerCommit * source.perCase());
            int to =
                (int)
                    Math.min(
                        source.rows().size(),
                        Math.floor(
                            Math.min(cases, (batch + 1) * casesPerCommit) * source.perCase()));
            if (to <= from) {
              continue;
            }
            try (PreparedStatement ps = connection.prepareStatement(source.insert())) {
              for (int r = from; r < to; r++) {
                Object[] row = source.rows().get(r);
                for (int col = 0; col < row.length; col++) {
                  ps.setObject(col + 1, row[col]);
                }
                ps.addBatch();
              }
              ps.executeBatch();
            }
          }
        };
    Runnable truncate =
        () -> {
          try (Connection c = database.connect();
              Statement s = c.createStatement()) {
            for (Source source : sources) {
              s.execute("truncate floor_" + source.table());
            }
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        };
    run(work, commits, threads, casesPerCommit, cases); // warm-up
    truncate.run();
    Result result = run(work, commits, threads, casesPerCommit, cases);
    truncate.run();
    return result;
  }

  /**
   * Appends {@code posts} matched posts to one table (identity key, account and external id unique
   * together, author, language, text, times), {@code postsPerCommit} per transaction.
   */
  Result mentionLog(
      List<ListeningWorkload.Post> generated, int posts, int postsPerCommit, int threads)
      throws Exception {
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      s.execute("drop table if exists floor_mention_log");
      s.execute(
          "create table floor_mention_log (id bigint generated always as identity primary key,"
              + " account_id bigint not null, external_id varchar(255) not null, author_handle"
              + " varchar(255), author_name varchar(255), language varchar(16), body text not"
              + " null, posted_at timestamptz not null, received_at timestamptz not null,"
              + " unique (account_id, external_id)) with (autovacuum_enabled = false)");
    }
    AtomicInteger lap = new AtomicInteger();
    int commits = (posts + postsPerCommit - 1) / postsPerCommit;
    BatchWork work =
        (connection, batch) -> {
          int round = lap.get();
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "insert into floor_mention_log (account_id, external_id, author_handle,"
                      + " author_name, language, body, posted_at, received_at) values (?, ?, ?,"
                      + " ?, ?, ?, ?, ?)")) {
            Timestamp now = Timestamp.from(Instant.now());
            for (int k = batch * postsPerCommit;
                k < Math.min(posts, (batch + 1) * postsPerCommit);
                k++) {
              ListeningWorkload.Post p = generated.get(k % generated.size());
              int author = k % 20_000;
              ps.setLong(1, 1);
              ps.setString(2, "floor-" + round + "-" + k);
              ps.setString(3, "fan" + author);
              ps.setString(4, "Fan " + author);
              ps.setString(5, p.language());
              ps.setString(6, p.text());
              ps.setTimestamp(7, now);
              ps.setTimestamp(8, now);
              ps.addBatch();
            }
            ps.executeBatch();
          }
        };
    run(work, commits, threads, postsPerCommit, posts); // warm-up
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      s.execute("truncate floor_mention_log"); // measured on an empty table, as the replay is
    }
    lap.incrementAndGet();
    Result result = run(work, commits, threads, postsPerCommit, posts);
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      s.execute("drop table floor_mention_log");
    }
    return result;
  }

  /**
   * Stores {@code cases} cases in the least a case can be and still be one: a case row (queue,
   * status, priority, due times, tags, indexed for its queue's backlog), its message (indexed by
   * case, unique by account and external id, which is the deduplication) and one audit entry with a
   * SHA-256 digest of what was stored. No customer, no SLA clock rows, no mention, no full-text
   * index. Keys come from the client, as a pooled sequence hands them out; {@code casesPerCommit}
   * cases per transaction.
   */
  Result leastCase(
      List<ListeningWorkload.Post> generated, int cases, int casesPerCommit, int threads)
      throws Exception {
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      s.execute("drop table if exists floor_least_audit");
      s.execute("drop table if exists floor_least_message");
      s.execute("drop table if exists floor_least_case");
      s.execute(
          "create table floor_least_case (id bigint primary key, brand_id bigint not null,"
              + " queue_id bigint not null, status varchar(16) not null, priority varchar(16)"
              + " not null, subject varchar(255) not null, tags varchar(64)[], opened_at"
              + " timestamptz not null, first_response_due timestamptz, resolution_due"
              + " timestamptz) with (autovacuum_enabled = false)");
      s.execute(
          "create index floor_least_case_backlog on floor_least_case (queue_id, status,"
              + " opened_at)");
      s.execute(
          "create table floor_least_message (id bigint primary key, case_id bigint not null,"
              + " account_id bigint not null, external_id varchar(255) not null, author_handle"
              + " varchar(255), body text not null, sent_at timestamptz not null, unique"
              + " (account_id, external_id)) with (autovacuum_enabled = false)");
      s.execute("create index floor_least_message_case on floor_least_message (case_id)");
      s.execute(
          "create table floor_least_audit (id bigint primary key, case_id bigint not null,"
              + " action varchar(32) not null, digest bytea not null, at timestamptz not null)"
              + " with (autovacuum_enabled = false)");
    }
    AtomicInteger lap = new AtomicInteger();
    int commits = (cases + casesPerCommit - 1) / casesPerCommit;
    BatchWork work =
        (connection, batch) -> {
          long base = (long) lap.get() * cases;
          int from = batch * casesPerCommit;
          int to = Math.min(cases, (batch + 1) * casesPerCommit);
          Timestamp now = Timestamp.from(Instant.now());
          Timestamp firstDue = Timestamp.from(now.toInstant().plusSeconds(3_600));
          Timestamp resolutionDue = Timestamp.from(now.toInstant().plusSeconds(86_400));
          java.security.MessageDigest sha;
          try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
          } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
          }
          try (PreparedStatement kase =
                  connection.prepareStatement(
                      "insert into floor_least_case (id, brand_id, queue_id, status, priority,"
                          + " subject, tags, opened_at, first_response_due, resolution_due)"
                          + " values (?, 1, ?, 'NEW', 'NORMAL', ?, ?, ?, ?, ?)");
              PreparedStatement message =
                  connection.prepareStatement(
                      "insert into floor_least_message (id, case_id, account_id, external_id,"
                          + " author_handle, body, sent_at) values (?, ?, 1, ?, ?, ?, ?)");
              PreparedStatement audit =
                  connection.prepareStatement(
                      "insert into floor_least_audit (id, case_id, action, digest, at) values"
                          + " (?, ?, 'CASE_OPENED', ?, ?)")) {
            java.sql.Array tags = connection.createArrayOf("varchar", new String[] {"brand"});
            for (int k = from; k < to; k++) {
              ListeningWorkload.Post p = generated.get(k % generated.size());
              long id = base + k + 1;
              String externalId = "least-" + lap.get() + "-" + k;
              String handle = "fan" + (k % 20_000);
              String subject = p.text().length() > 120 ? p.text().substring(0, 120) : p.text();
              kase.setLong(1, id);
              kase.setLong(2, 1 + k % 8);
              kase.setString(3, subject);
              kase.setArray(4, tags);
              kase.setTimestamp(5, now);
              kase.setTimestamp(6, firstDue);
              kase.setTimestamp(7, resolutionDue);
              kase.addBatch();
              message.setLong(1, id);
              message.setLong(2, id);
              message.setString(3, externalId);
              message.setString(4, handle);
              message.setString(5, p.text());
              message.setTimestamp(6, now);
              message.addBatch();
              sha.update(externalId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
              sha.update(p.text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
              audit.setLong(1, id);
              audit.setLong(2, id);
              audit.setBytes(3, sha.digest());
              audit.setTimestamp(4, now);
              audit.addBatch();
            }
            kase.executeBatch();
            message.executeBatch();
            audit.executeBatch();
          }
        };
    run(work, commits, threads, casesPerCommit, cases); // warm-up
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      s.execute("truncate floor_least_case, floor_least_message, floor_least_audit");
    }
    lap.incrementAndGet();
    Result result = run(work, commits, threads, casesPerCommit, cases);
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      s.execute("drop table floor_least_audit");
      s.execute("drop table floor_least_message");
      s.execute("drop table floor_least_case");
    }
    return result;
  }

  private interface BatchWork {
    void store(Connection connection, int batch) throws SQLException;
  }

  private Result run(BatchWork work, int commits, int threads, int perCommit, int units)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Exception> failure = new AtomicReference<>();
    Histogram latency = new ConcurrentHistogram(60_000_000_000L, 3);
    List<Thread> workers = new ArrayList<>();
    List<Connection> connections = new ArrayList<>();
    List<Long> backends = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Connection connection = batchingConnection();
      try (Statement s = connection.createStatement();
          ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
        rs.next();
        backends.add(rs.getLong(1));
      }
      connection.setAutoCommit(false);
      connections.add(connection);
    }
    java.util.concurrent.atomic.AtomicLong clientNanos =
        new java.util.concurrent.atomic.AtomicLong();
    java.lang.management.ThreadMXBean threadBean =
        java.lang.management.ManagementFactory.getThreadMXBean();
    CpuSample from = CpuSample.now(postmasterPid);
    long postgresFrom = backendTicks(backends);
    long start = System.nanoTime();
    for (Connection connection : connections) {
      Thread worker =
          new Thread(
              () -> {
                try {
                  int batch;
                  while ((batch = next.getAndIncrement()) < commits && failure.get() == null) {
                    long began = System.nanoTime();
                    work.store(connection, batch);
                    connection.commit();
                    latency.recordValue(Math.min(System.nanoTime() - began, 59_000_000_000L));
                  }
                } catch (Exception e) {
                  failure.compareAndSet(null, e);
                } finally {
                  clientNanos.addAndGet(threadBean.getCurrentThreadCpuTime());
                }
              },
              "storage-floor-" + workers.size());
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long postgresTicks = backendTicks(backends) - postgresFrom;
    CpuSample to = CpuSample.now(postmasterPid);
    for (Connection connection : connections) {
      connection.close();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    // Only the floor's own threads and their server processes: what else runs (the JIT
    // compiler, autovacuum on the tables the run filled) is in the machine line.
    double postgresMillis = postgresTicks * 1000.0 / TICKS_PER_SECOND;
    double clientMillis = clientNanos.get() / 1e6;
    return new Result(
        units,
        seconds,
        (clientMillis + postgresMillis) / units,
        postgresMillis / units,
        latency,
        CpuSample.describe(from, to));
  }

  /** Linux's USER_HZ: /proc counts CPU time in hundredths of a second. */
  private static final int TICKS_PER_SECOND = 100;

  /** CPU ticks (user + system) of these server processes, from /proc/<pid>/stat. */
  private static long backendTicks(List<Long> pids) {
    long ticks = 0;
    for (long pid : pids) {
      try {
        ticks +=
            CpuSample.ticks(
                CpuSample.statFields(
                    java.nio.file.Files.readString(
                        java.nio.file.Path.of("/proc/" + pid + "/stat"))));
      } catch (java.io.IOException | RuntimeException e) {
        // not Linux, or the process is gone: counted as nothing
      }
    }
    return ticks;
  }

  /** Multi-row inserts, as Parley's own PostgreSQL connections send a batch. */
  private Connection batchingConnection() throws SQLException {
    String url = database.jdbcUrl();
    return DriverManager.getConnection(
        url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true",
        BenchDatabase.USER,
        BenchDatabase.PASSWORD);
  }

  /**
   * The newest {@code count} rows of a table ({@code where} they match, if not blank), and an empty
   * look-alike table to copy them into.
   */
  private static Source read(Connection c, Written w, int count, String where) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("drop table if exists floor_" + w.table());
      s.execute(
          "create table floor_"
              + w.table()
              + " (like "
              + w.table()
              + " including defaults including identity including constraints including"
              + " indexes including generated)");
      // Autovacuum on the copies would be counted in no run, but would take a core meanwhile.
      s.execute("alter table floor_" + w.table() + " set (autovacuum_enabled = false)");
    }
    boolean always = false;
    try (PreparedStatement ps =
        c.prepareStatement(
            "select count(*) from information_schema.columns where table_name = ? and"
                + " identity_generation = 'ALWAYS'")) {
      ps.setString(1, w.table());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        always = rs.getLong(1) > 0;
      }
    }
    List<Object[]> rows = new ArrayList<>(count);
    List<String> columns = new ArrayList<>();
    try (Statement s = c.createStatement()) {
      s.setFetchSize(1000);
      c.setAutoCommit(false); // a fetch size needs a transaction
      try (ResultSet rs =
          s.executeQuery(
              "select * from " + w.table() + " " + where + " order by ctid desc limit " + count)) {
        ResultSetMetaData meta = rs.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          columns.add(meta.getColumnName(i));
        }
        while (rs.next()) {
          Object[] row = new Object[columns.size()];
          for (int i = 0; i < row.length; i++) {
            row[i] = rs.getObject(i + 1);
          }
          rows.add(row);
        }
      }
      c.commit();
      c.setAutoCommit(true);
    }
    // Oldest first, as the application wrote them: ascending keys fill B-tree pages as it did.
    java.util.Collections.reverse(rows);
    String insert =
        "insert into floor_"
            + w.table()
            + " ("
            + String.join(", ", columns)
            + ")"
            + (always ? " overriding system value" : "")
            + " values ("
            + String.join(", ", java.util.Collections.nCopies(columns.size(), "?"))
            + ")";
    return new Source(w.table(), insert, rows, w.inserted());
  }
}
