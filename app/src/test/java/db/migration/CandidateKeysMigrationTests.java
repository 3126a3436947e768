package db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The candidate keys migrations fill the keys of the customers and identities already there: V4_90
 * the name and handle keys, V4_94 the pinyin of Chinese names.
 */
class CandidateKeysMigrationTests {

  @Test
  void existingCustomersAndHandlesGetTheirKeys() throws Exception {
    String url =
        "jdbc:h2:mem:keys-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
    try (var keepOpen = DriverManager.getConnection(url, "sa", "")) {
      flyway(url).target("4.81").load().migrate();
      try (var sql = keepOpen.createStatement()) {
        sql.execute(
            "insert into customers_customer (id, display_name, tier, created_at, updated_at) values"
                + " (1, 'Wang Jun', 'STANDARD', now(), now()),"
                + " (2, '王 军', 'STANDARD', now(), now()),"
                + " (3, 'Al', 'STANDARD', now(), now())");
        sql.execute(
            "insert into customers_social_identity (id, customer_id, network, external_id, handle,"
                + " created_at) values (10, 1, 'x', 'x-1', '@Wang_Jun1988', now()),"
                + " (11, 2, 'weibo', 'w-1', '88', now()), (12, 3, 'x', 'x-2', null, now())");
      }

      flyway(url).load().migrate();

      assertThat(rows(keepOpen, "select name_key, name_prefix from customers_customer order by id"))
          .containsExactly("wangjun|wan", "王军|null", "al|null");
      assertThat(rows(keepOpen, "select handle_key, id from customers_social_identity order by id"))
          .containsExactly("wangjun|10", "null|11", "null|12");
      assertThat(
              rows(
                  keepOpen,
                  "select index_name, table_name from information_schema.indexes"
                      + " where index_name like '%\\_key' escape '\\' or index_name like '%prefix'"
                      + " order by index_name"))
          .containsExactly(
              "customers_customer_name_key|customers_customer",
              "customers_customer_name_prefix|customers_customer",
              "customers_social_identity_handle_key|customers_social_identity");
    }
  }

  @Test
  void existingChineseNamesGetTheirPinyin() throws Exception {
    String url =
        "jdbc:h2:mem:pinyin-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
    try (var keepOpen = DriverManager.getConnection(url, "sa", "")) {
      flyway(url).target("4.92").load().migrate();
      try (var sql = keepOpen.createStatement()) {
        sql.execute(
            "insert into customers_customer (id, display_name, tier, created_at, updated_at) values"
                + " (1, '王军', 'STANDARD', now(), now()),"
                + " (2, '曾 志伟', 'STANDARD', now(), now()),"
                + " (3, 'Wang Jun', 'STANDARD', now(), now())");
      }

      flyway(url).load().migrate();

      assertThat(rows(keepOpen, "select name_pinyin, id from customers_customer order by id"))
          .containsExactly("wangjun|1", "zengzhiwei|2", "null|3");
      assertThat(
              rows(
                  keepOpen,
                  "select index_name, table_name from information_schema.indexes"
                      + " where index_name = 'customers_customer_name_pinyin'"))
          .containsExactly("customers_customer_name_pinyin|customers_customer");
    }
  }

  private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(String url) {
    return Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration");
  }

  private static List<String> rows(java.sql.Connection connection, String query) throws Exception {
    List<String> rows = new ArrayList<>();
    try (var sql = connection.createStatement();
        var result = sql.executeQuery(query)) {
      while (result.next()) {
        rows.add(result.getString(1) + "|" + result.getString(2));
      }
    }
    return rows;
  }
}
