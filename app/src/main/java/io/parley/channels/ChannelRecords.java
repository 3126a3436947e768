package io.parley.channels;

import io.parley.identity.BrandId;
import io.parley.shared.SqlArrays;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What channels keep about a message besides the case (the inbound record with its raw payload, the
 * outbox entry with the reply as sent), erased on a customer's request.
 */
@Service
public class ChannelRecords {

  private final JdbcTemplate jdbc;
  private final List<ConnectorRecords> connectors;

  ChannelRecords(JdbcTemplate jdbc, List<ConnectorRecords> connectors) {
    this.jdbc = jdbc;
    this.connectors = connectors;
  }

  /**
   * Overwrites inbound records, on any account, sent from the customer's own {@code identifiers},
   * with {@code externalIds} or with the ids {@code inboundIds}; on the accounts of {@code brands}
   * only, those sent from {@code chatAddresses} (typed into a chat, or a company's key for a chat
   * visitor: elsewhere the same may be someone else's); what connectors keep of the same
   * conversations ({@link ConnectorRecords}, scoped the same way); and the payloads of outbox
   * entries queued for {@code sourceRefs}. Returns the rows changed.
   */
  @Transactional
  public int erase(
      Collection<BrandId> brands,
      Collection<String> identifiers,
      Collection<String> chatAddresses,
      Collection<String> externalIds,
      Collection<Long> inboundIds,
      Collection<String> sourceRefs) {
    int changed = 0;
    List<ChannelAccountId> accounts = accountsOf(brands);
    boolean scoped = !accounts.isEmpty() && !chatAddresses.isEmpty();
    if (!identifiers.isEmpty() || !externalIds.isEmpty() || !inboundIds.isEmpty() || scoped) {
      // One pass over the table, however many addresses and accounts.
      changed +=
          jdbc.update(
              "update channels_inbound set author = 'erased', subject = null, payload = null"
                  + " where author = any(?) or external_id = any(?) or id = any(?)"
                  + " or (account_id = any(?) and author = any(?))",
              SqlArrays.of("varchar", identifiers),
              SqlArrays.of("varchar", externalIds),
              SqlArrays.of("bigint", inboundIds),
              SqlArrays.of("bigint", accounts.stream().map(ChannelAccountId::value).toList()),
              SqlArrays.of("varchar", chatAddresses));
    }
    if (!sourceRefs.isEmpty()) {
      changed +=
          jdbc.update(
              "update channels_outbox set payload = '{\"erased\":true}' where source_ref = any(?)",
              SqlArrays.of("varchar", sourceRefs));
    }
    for (ConnectorRecords connector : connectors) {
      changed += connector.erase(accounts, chatAddresses, identifiers, externalIds);
    }
    return changed;
  }

  private List<ChannelAccountId> accountsOf(Collection<BrandId> brands) {
    if (brands.isEmpty()) {
      return List.of();
    }
    return jdbc
        .queryForList(
            "select id from channels_account where brand_id = any(?)",
            Long.class,
            SqlArrays.of("bigint", brands.stream().map(BrandId::value).distinct().toList()))
        .stream()
        .map(ChannelAccountId::new)
        .toList();
  }
}
