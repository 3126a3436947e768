package io.parley.listening.internal;

import io.parley.compliance.CustomerErased;
import io.parley.shared.SqlArrays;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An erased customer's mentions keep neither their words nor who they were: the mentions of their
 * messages, those of the contact made from them and those posted under one of their network ids.
 * Counts, tags and sentiment stay, so share of voice does not change.
 */
@Component
class MentionErasure {

  static final String ERASED = "[erased]";

  private final JdbcTemplate jdbc;

  MentionErasure(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @EventListener
  void on(CustomerErased erased) {
    jdbc.update(
        "update listening_mention set author_external_id = null, author_handle = null,"
            + " author_name = null, author_profile_url = null, body = ?"
            + " where customer_id = ? or inbound_id = any(?) or author_external_id = any(?)",
        ERASED,
        erased.customer().value(),
        SqlArrays.of("bigint", erased.inboundIds()),
        SqlArrays.of("varchar", erased.identifiers()));
  }
}
