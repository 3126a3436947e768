package io.parley.shared;

import java.sql.Connection;
import java.util.Collection;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;

/**
 * A collection bound as one SQL array parameter ({@code where id = any(?)}), for {@code
 * JdbcTemplate} arguments: one statement shape for any number of values, on PostgreSQL and H2.
 */
public final class SqlArrays {

  private SqlArrays() {}

  /** {@code values} as an array of the database type {@code type} ("varchar", "bigint"). */
  public static Object of(String type, Collection<?> values) {
    Object[] elements = values.toArray();
    return new AbstractSqlTypeValue() {
      @Override
      protected Object createTypeValue(Connection connection, int sqlType, String typeName)
          throws java.sql.SQLException {
        return connection.createArrayOf(type, elements);
      }
    };
  }
}
