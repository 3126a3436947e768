package io.parley.shared;

/**
 * A person's text inside a SQL {@code LIKE} pattern, found as written: its {@code %} and {@code _}
 * are not wildcards. Use with {@code like ... escape '\'} (PostgreSQL and H2 alike).
 */
public final class SqlLike {

  private SqlLike() {}

  /** {@code text} with the escape character, {@code %} and {@code _} escaped by {@code \}. */
  public static String literal(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
