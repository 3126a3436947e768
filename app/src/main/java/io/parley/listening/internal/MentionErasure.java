package io.parley.listening.internal;

import io.parley.compliance.CustomerErased;
import io.parley.customers.ErasedIdentifiers.NetworkId;
import io.parley.shared.SqlArrays;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An erased customer's mentions keep neither their words, their photos' links nor who they were:
 * the mentions of their messages, those of the contact made from them and those posted under one of
 * their network ids on that network. Counts, tags and sentiment stay, so share of voice does not
 * change.
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
    // Posted under one of their network ids: the id on that network only, as another network's
    // user may have the same number.
    Map<String, List<String>> byNetwork = new LinkedHashMap<>();
    for (NetworkId id : erased.networkIds()) {
      byNetwork.computeIfAbsent(id.network(), n -> new ArrayList<>()).add(id.externalId());
    }
    StringBuilder where = new StringBuilder("customer_id = ? or inbound_id = any(?)");
    List<Object> args = new ArrayList<>();
    args.add(ERASED);
    args.add(erased.customer().value());
    args.add(SqlArrays.of("bigint", erased.inboundIds()));
    byNetwork.forEach(
        (network, ids) -> {
          where.append(" or (author_network = ? and author_external_id = any(?))");
          args.add(network);
          args.add(SqlArrays.of("varchar", ids));
        });
    jdbc.update(
        "update listening_mention set author_external_id = null, author_handle = null,"
            + " author_name = null, author_profile_url = null, body = ?, media = null where "
            + where,
        args.toArray());
  }
}
