package io.parley.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.compliance.internal.AuditChain;
import io.parley.identity.UserId;
import io.parley.identity.Users;
import io.parley.support.ApiTokens;
import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit trail is tamper-evident and append-only: a row changed behind the application's back
 * (here by the tables' owner, who first has to switch the guard trigger off) is named by the
 * verification; the application's own database role can neither change nor remove rows.
 */
@ParleyTest
class AuditTrailTests {

  @LocalServerPort int port;
  @Autowired AuditTrail audit;
  @Autowired AuditChain chain;
  @Autowired DataSource dataSource;
  @Autowired JdbcTemplate jdbc;
  @Autowired Users users;

  @Autowired io.parley.compliance.internal.AuditLog log;

  @Test
  void theActionFilterTakesUnderscoreAndPercentAsWritten() {
    audit.record(AuditRecord.of("test.filter_literal.done", "setting", "x"));
    audit.record(AuditRecord.of("test.filterxliteral.done", "setting", "x"));

    assertThat(log.recent("test.filter_", null, null, 0, 100))
        .extracting(io.parley.compliance.internal.AuditLog.Line::action)
        .containsOnly("test.filter_literal.done");
    assertThat(log.recent("test.filter%", null, null, 0, 100)).isEmpty();
  }

  @Test
  void aRowChangedDirectlyInSqlIsDetectedAndNamedByTheVerification() throws Exception {
    UserId admin = users.findByUsername("admin").orElseThrow().id();
    long id =
        audit.record(
            AuditRecord.of("test.setting.changed", "setting", "sla.first-response")
                .change("{\"minutes\":60}", "{\"minutes\":30}")
                .by(admin),
            "admin",
            "203.0.113.7");
    long later = audit.record(AuditRecord.of("test.setting.viewed", "setting", "sla"));
    assertThat(chain.verify().intact()).isTrue();
    chain.seal();

    String original =
        jdbc.queryForObject(
            "select after_value from compliance_audit_entry where id = ?", String.class, id);
    asOwnerWithoutGuard(
        "update compliance_audit_entry set after_value = '{\"minutes\":600}' where id = " + id);
    try {
      Verification broken = chain.verify();
      assertThat(broken.intact()).isFalse();
      assertThat(broken.firstBroken().entryId()).isEqualTo(id);
      assertThat(broken.firstBroken().problem()).isEqualTo("entry.altered");

      String token = ApiTokens.of(port, "admin", ParleyTest.ADMIN_PASSWORD);
      var api =
          new WebClient(port).api("GET", "/api/v1/compliance/audit/verification", token, null);
      assertThat(api.statusCode()).isEqualTo(200);
      assertThat(api.body())
          .contains("\"intact\":false")
          .contains("\"entryId\":" + id)
          .contains("entry.altered");

      var page = new WebClient(port);
      page.login("zhou.min", ParleyTest.DEMO_PASSWORD);
      page.get("/compliance/audit");
      var verified = page.post("/compliance/audit/verify", java.util.Map.of());
      assertThat(verified.statusCode()).isEqualTo(200);
      assertThat(verified.body())
          .contains("The chain is broken at position")
          .contains("entry " + id);
    } finally {
      asOwnerWithoutGuard(
          "update compliance_audit_entry set after_value = '" + original + "' where id = " + id);
    }
    assertThat(chain.verify().intact()).isTrue();

    // Deleting an entry is named too.
    String deleted = "delete from compliance_audit_entry where id = " + later;
    var row = jdbc.queryForMap("select * from compliance_audit_entry where id = ?", later);
    asOwnerWithoutGuard(deleted);
    try {
      Verification gone = chain.verify();
      assertThat(gone.firstBroken().entryId()).isEqualTo(later);
      assertThat(gone.firstBroken().problem()).isEqualTo("entry.missing");
    } finally {
      jdbc.update(
          "insert into compliance_audit_entry (id, recorded_at, actor_id, actor_name,"
              + " source_address, action, subject_type, subject_id, brand_id, customer_id,"
              + " before_value, after_value) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          row.get("id"),
          row.get("recorded_at"),
          row.get("actor_id"),
          row.get("actor_name"),
          row.get("source_address"),
          row.get("action"),
          row.get("subject_type"),
          row.get("subject_id"),
          row.get("brand_id"),
          row.get("customer_id"),
          row.get("before_value"),
          row.get("after_value"));
    }
    assertThat(chain.verify().intact()).isTrue();
  }

  @Test
  void aSignInIsRecordedUnderTheUsersNameAndShownSoOnTheAuditPage() {
    long zhou = users.findByUsername("zhou.min").orElseThrow().id().value();

    var supervisor = new WebClient(port);
    supervisor.login("zhou.min", ParleyTest.DEMO_PASSWORD);

    String actor =
        jdbc.queryForObject(
            "select actor_name from compliance_audit_entry where action = 'signin.succeeded'"
                + " and subject_id = ? order by id desc limit 1",
            String.class,
            String.valueOf(zhou));
    assertThat(actor).isEqualTo("zhou.min");
    assertThat(supervisor.get("/compliance/audit?action=signin.").body())
        .contains("<td>zhou.min</td>")
        .doesNotContain("CurrentUser[");
  }

  @Test
  void theApplicationsDatabaseRoleCannotUpdateOrDeleteAuditRows() throws Exception {
    long id = audit.record(AuditRecord.of("test.guarded", "setting", "x"));
    chain.link();
    try (Connection c = dataSource.getConnection();
        Statement sql = c.createStatement();
        var linked =
            sql.executeQuery(
                "select (select count(*) from compliance_audit_link where entry_id = "
                    + id
                    + "), (select count(*) from compliance_audit_pending where entry_id = "
                    + id
                    + ")")) {
      linked.next();
      assertThat(linked.getLong(1)).as("linked once").isEqualTo(1);
      assertThat(linked.getLong(2)).as("no longer pending").isZero();
    }
    try (Connection c = dataSource.getConnection();
        Statement sql = c.createStatement()) {
      c.setAutoCommit(true);
      // Production: migrations run as the owner, Parley as a role granted only what it needs.
      sql.execute(
          "do $$ begin if not exists (select 1 from pg_roles where rolname = 'parley_app')"
              + " then create role parley_app; end if; end $$");
      sql.execute("grant select, insert on all tables in schema public to parley_app");
      sql.execute("grant usage, select on all sequences in schema public to parley_app");
      // Even a role wrongly granted every right is stopped by the trigger.
      sql.execute(
          "do $$ begin if not exists (select 1 from pg_roles where rolname = 'parley_careless')"
              + " then create role parley_careless; end if; end $$");
      sql.execute("grant all on all tables in schema public to parley_careless");
      try {
        sql.execute("set role parley_app");
        assertRefused(sql, "update compliance_audit_entry set action = 'x' where id = " + id);
        assertRefused(sql, "delete from compliance_audit_entry where id = " + id);
        assertRefused(sql, "truncate compliance_audit_entry");
        assertRefused(sql, "update compliance_audit_link set hash = 'x' where entry_id = " + id);
        assertRefused(sql, "delete from compliance_audit_seal");
        assertRefused(
            sql,
            "alter table compliance_audit_entry disable trigger compliance_audit_entry_append_only");
        sql.execute(
            "insert into compliance_audit_entry (recorded_at, action) values (now(), 'test.byapp')");
        sql.execute("reset role");

        sql.execute("set role parley_careless");
        assertRefused(sql, "update compliance_audit_entry set action = 'x' where id = " + id);
        assertRefused(sql, "delete from compliance_audit_link where entry_id = " + id);
        sql.execute("reset role");

        // The owner is refused as well while the trigger is on.
        assertRefused(sql, "update compliance_audit_entry set action = 'x' where id = " + id);
      } finally {
        sql.execute("reset role");
      }
    }
    assertThat(
            jdbc.queryForObject(
                "select action from compliance_audit_entry where id = ?", String.class, id))
        .isEqualTo("test.guarded");
    assertThat(chain.verify().intact()).isTrue();
  }

  @Test
  void theCommandNamesTheFirstBrokenEntry() {
    var broken =
        new Verification(
            false,
            41,
            0,
            "abc",
            java.time.Instant.now(),
            new Verification.Broken(42, 4242L, "entry.altered"));
    assertThat(broken.describe())
        .isEqualTo(
            "Audit chain BROKEN at position 42, entry 4242: entry.altered (41 entries verified before it)");
  }

  private static void assertRefused(Statement sql, String statement) {
    assertThatThrownBy(() -> sql.execute(statement))
        .as(statement)
        .isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("42501", "42P01"));
  }

  /** What someone with the owner's rights would do: switch the guard off, change, switch it on. */
  private void asOwnerWithoutGuard(String statement) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement sql = c.createStatement()) {
      c.setAutoCommit(false);
      sql.execute(
          "alter table compliance_audit_entry disable trigger compliance_audit_entry_append_only");
      sql.execute(statement);
      sql.execute(
          "alter table compliance_audit_entry enable trigger compliance_audit_entry_append_only");
      c.commit();
      c.setAutoCommit(true);
    }
  }
}
