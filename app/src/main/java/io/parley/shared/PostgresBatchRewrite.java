package io.parley.shared;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, lets the driver send a JDBC batch of inserts as multi-row inserts ({@code
 * reWriteBatchedInserts}): the intake writes a page's cases, messages, events, mentions and audit
 * entries as batches, and PostgreSQL otherwise executes each row as a statement of its own. A URL
 * or property that sets the option already wins. (Rows whose generated ids are needed go as
 * multi-row statements of their own, {@link BatchInsert}: the driver does not rewrite batches that
 * ask for generated keys.)
 */
@Component
class PostgresBatchRewrite implements BeanPostProcessor {

  static final String OPTION = "reWriteBatchedInserts";

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource pool && applies(pool)) {
      pool.addDataSourceProperty(OPTION, "true");
    }
    return bean;
  }

  private static boolean applies(HikariDataSource pool) {
    String url = pool.getJdbcUrl();
    return url != null
        && url.startsWith("jdbc:postgresql:")
        && !url.contains(OPTION)
        && !pool.getDataSourceProperties().containsKey(OPTION);
  }
}
