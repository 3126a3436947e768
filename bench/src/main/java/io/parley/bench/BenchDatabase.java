package io.parley.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real PostgreSQL (zonky embedded binaries) in the bench's working directory, started fresh for
 * every run. Durability settings stay at PostgreSQL's defaults ({@code fsync}, {@code
 * synchronous_commit} and {@code full_page_writes} on); only memory, connections and checkpoint
 * spacing are raised for a machine that holds a million cases.
 */
final class BenchDatabase implements AutoCloseable {

  static final String USER = "postgres";
  static final String PASSWORD = "postgres";

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;

  private BenchDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
  }

  static BenchDatabase start(BenchConfig config) throws IOException {
    Path workDir = config.workDir();
    Path data = config.runDir().resolve("data");
    deleteRecursively(data);
    Files.createDirectories(config.runDir());
    System.setProperty("ot.epg.working-dir", workDir.toString());
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setOverrideWorkingDirectory(workDir.toFile())
            .setDataDirectory(data)
            .setCleanDataDirectory(true)
            .setPGStartupWait(Duration.ofSeconds(120));
    for (Map.Entry<String, String> setting : settings(config).entrySet()) {
      builder.setServerConfig(setting.getKey(), setting.getValue());
    }
    return new BenchDatabase(builder.start(), data);
  }

  /** Server settings. zonky turns synchronous_commit off by default; the bench turns it back on. */
  static Map<String, String> settings(BenchConfig config) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("synchronous_commit", "on");
    settings.put("fsync", "on");
    settings.put("full_page_writes", "on");
    settings.put("max_connections", "300");
    settings.put("shared_buffers", config.sharedBuffers());
    settings.put("effective_cache_size", "8GB");
    settings.put("work_mem", "16MB");
    settings.put("maintenance_work_mem", "512MB");
    settings.put("max_wal_size", "8GB");
    settings.put("checkpoint_timeout", "30min");
    settings.put("random_page_cost", "1.1");
    settings.put("timezone", "UTC");
    // Per-statement statistics for the report; a small overhead, the same in every run.
    settings.put("shared_preload_libraries", "pg_stat_statements");
    settings.put("pg_stat_statements.track", "top");
    return settings;
  }

  String jdbcUrl() {
    return postgres.getJdbcUrl(USER, "postgres");
  }

  /** The server's process id (first line of postmaster.pid), or -1. */
  long postmasterPid() {
    try {
      return Long.parseLong(
          Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
