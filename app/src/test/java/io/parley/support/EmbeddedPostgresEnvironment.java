package io.parley.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points every Spring Boot test at one real PostgreSQL, started once per test JVM. A test that sets
 * {@code parley.test.database=h2} keeps the embedded H2 default instead.
 */
public class EmbeddedPostgresEnvironment implements EnvironmentPostProcessor {

  private static EmbeddedPostgres postgres;

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if ("h2".equals(environment.getProperty("parley.test.database"))) {
      return;
    }
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "embeddedPostgres",
                Map.of(
                    "spring.datasource.url", jdbcUrl(),
                    "spring.datasource.username", "postgres",
                    "spring.datasource.password", "postgres")));
  }

  /** The JDBC URL of the test database, starting it on first use. */
  public static synchronized String jdbcUrl() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
      }
    }
    return postgres.getJdbcUrl("postgres", "postgres");
  }
}
