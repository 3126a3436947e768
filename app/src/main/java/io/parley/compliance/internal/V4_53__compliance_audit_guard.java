package io.parley.compliance.internal;

import java.sql.Connection;
import java.sql.Statement;
import java.util.regex.Pattern;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Makes the audit tables append-only on PostgreSQL: a trigger refuses UPDATE, DELETE and TRUNCATE
 * for every role (the owner included, unless it first disables the trigger, which only the owner
 * can), and the application's own role (when it is not the owner, as in production: migrations run
 * as the owner, the application as {@code parley.compliance.app-role}) loses those rights. H2 (the
 * evaluation database) has no PL/pgSQL; there the chain and its seals still detect any change.
 * Named for Flyway: version 4.53.
 */
@Component
@SuppressWarnings("checkstyle:TypeName")
public class V4_53__compliance_audit_guard extends BaseJavaMigration {

  static final String[] TABLES = {
    "compliance_audit_entry", "compliance_audit_link", "compliance_audit_seal"
  };
  private static final Pattern ROLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final ComplianceProperties properties;

  V4_53__compliance_audit_guard(ComplianceProperties properties) {
    this.properties = properties;
  }

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    if (!connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
      return;
    }
    try (Statement sql = connection.createStatement()) {
      sql.execute(
          """
          create or replace function compliance_append_only() returns trigger
          language plpgsql as $$
          begin
            raise exception 'compliance: % on % refused, the audit trail is append-only',
              tg_op, tg_table_name using errcode = '42501';
          end
          $$
          """);
      for (String table : TABLES) {
        sql.execute(
            "create trigger "
                + table
                + "_append_only before update or delete on "
                + table
                + " for each row execute function compliance_append_only()");
        sql.execute(
            "create trigger "
                + table
                + "_no_truncate before truncate on "
                + table
                + " for each statement execute function compliance_append_only()");
        sql.execute("revoke update, delete, truncate on " + table + " from public");
        String role = properties.appRole();
        if (role != null && !role.isBlank()) {
          if (!ROLE.matcher(role).matches()) {
            throw new IllegalArgumentException("parley.compliance.app-role is not a role name");
          }
          sql.execute("revoke update, delete, truncate on " + table + " from " + role);
        }
      }
    }
  }
}
