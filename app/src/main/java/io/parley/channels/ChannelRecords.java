package io.parley.channels;

import io.parley.identity.BrandId;
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
   * Overwrites, on the accounts of {@code brands} only, inbound records sent from {@code
   * senderAddresses} or with {@code externalIds} and what connectors keep of the same conversations
   * ({@link ConnectorRecords}); and the payloads of outbox entries queued for {@code sourceRefs}.
   * Returns the rows changed.
   */
  @Transactional
  public int erase(
      Collection<BrandId> brands,
      Collection<String> senderAddresses,
      Collection<String> externalIds,
      Collection<String> sourceRefs) {
    int changed = 0;
    List<ChannelAccountId> accounts = accountsOf(brands);
    // On another brand's account the same address may be someone else's: a signed chat visitor's
    // key is that company's own id for them, and an address typed into a chat proves nothing.
    for (ChannelAccountId account : accounts) {
      for (String address : senderAddresses) {
        changed +=
            jdbc.update(
                "update channels_inbound set author = 'erased', subject = null, payload = null"
                    + " where account_id = ? and author = ?",
                account.value(),
                address);
      }
      for (String id : externalIds) {
        changed +=
            jdbc.update(
                "update channels_inbound set author = 'erased', subject = null, payload = null"
                    + " where account_id = ? and external_id = ?",
                account.value(),
                id);
      }
    }
    for (String ref : sourceRefs) {
      changed +=
          jdbc.update(
              "update channels_outbox set payload = '{\"erased\":true}' where source_ref = ?", ref);
    }
    for (ConnectorRecords connector : connectors) {
      changed += connector.erase(accounts, senderAddresses, externalIds);
    }
    return changed;
  }

  private List<ChannelAccountId> accountsOf(Collection<BrandId> brands) {
    return brands.stream()
        .distinct()
        .flatMap(
            brand ->
                jdbc
                    .queryForList(
                        "select id from channels_account where brand_id = ?",
                        Long.class,
                        brand.value())
                    .stream())
        .map(ChannelAccountId::new)
        .toList();
  }
}
