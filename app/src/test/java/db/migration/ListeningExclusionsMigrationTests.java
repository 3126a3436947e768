package db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** V4_99: exclusions saved when terms side by side were all needed keep that meaning. */
class ListeningExclusionsMigrationTests {

  @Test
  void savedExclusionsGoInParenthesesAndKeepWhatTheyMeant() throws Exception {
    String url =
        "jdbc:h2:mem:exclusions-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
    try (var keepOpen = DriverManager.getConnection(url, "sa", "")) {
      flyway(url).target("4.98").load().migrate();
      try (var sql = keepOpen.createStatement()) {
        sql.execute(
            "insert into listening_rule (id, brand_id, name, query, exclusions, action, notify,"
                + " active, created_at, updated_at) values"
                + " (1, 1, 'both', 'acme', 'x12 buds', 'WATCH', false, true, now(), now()),"
                + " (2, 1, 'none', 'acme', null, 'WATCH', false, true, now(), now()),"
                + " (3, 1, 'blank', 'acme', ' ', 'WATCH', false, true, now(), now()),"
                + " (4, 1, 'not', 'acme', 'jobs NOT engineer', 'WATCH', false, true, now(),"
                + " now())");
      }

      flyway(url).load().migrate();

      List<String> rows = new ArrayList<>();
      try (var sql = keepOpen.createStatement();
          var rs = sql.executeQuery("select exclusions from listening_rule order by id")) {
        while (rs.next()) {
          rows.add(rs.getString(1));
        }
      }
      assertThat(rows).containsExactly("(x12 buds)", null, " ", "(jobs NOT engineer)");
      // Read as alternatives now, the wrapped one still needs both words.
      assertThat(io.parley.listening.RuleQuery.parseAnyOf(rows.get(0)).root())
          .isEqualTo(io.parley.listening.RuleQuery.parse("x12 buds").root());
      assertThat(io.parley.listening.RuleQuery.parseAnyOf(rows.get(3)).root())
          .isEqualTo(io.parley.listening.RuleQuery.parse("jobs NOT engineer").root());
    }
  }

  private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(String url) {
    return Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration");
  }
}
