package db.migration;

import io.parley.customers.internal.CandidateScoring;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * customers: the pinyin of Chinese names, stored and indexed, under which a new contact called
 * "Wang Jun" or writing as "wangjun1988" meets the customer 王军 (and the other way round). Computed
 * by the same Java code (HanLP) that keeps it up to date, so existing rows are filled here row by
 * row, as V4_90 filled the other candidate keys.
 */
public class V4_94__customers_name_pinyin extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    var connection = context.getConnection();
    try (Statement sql = connection.createStatement()) {
      sql.execute("alter table customers_customer add column name_pinyin varchar(255)");
    }
    V4_90__customers_candidate_keys.fill(
        connection,
        "select id, display_name from customers_customer",
        "update customers_customer set name_pinyin = ? where id = ?",
        (name, write) -> {
          String pinyin = CandidateScoring.pinyinKey(name);
          if (pinyin == null) {
            return 0; // not a Chinese name: the new column's null is right
          }
          write.setString(1, pinyin);
          return 2;
        });
    try (Statement sql = connection.createStatement()) {
      sql.execute("create index customers_customer_name_pinyin on customers_customer(name_pinyin)");
    }
  }
}
