package io.parley.channels.internal;

import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelConnector;
import java.util.Map;
import org.springframework.context.ApplicationContext;

/**
 * What a channel account has stored, read as a node that starts up reads it, for connector tests:
 * its settings with secrets decrypted, and a new connector made from them (as after a restart, or
 * on another node).
 */
public final class StoredAccounts {

  private StoredAccounts() {}

  public static Map<String, String> settings(ApplicationContext context, ChannelAccountId id) {
    ConnectorRegistry registry = context.getBean(ConnectorRegistry.class);
    return registry.connectorAccount(account(context, id)).settings();
  }

  public static ChannelConnector newConnector(ApplicationContext context, ChannelAccountId id) {
    ConnectorRegistry registry = context.getBean(ConnectorRegistry.class);
    ChannelAccount account = account(context, id);
    return registry
        .factory(account.getType())
        .orElseThrow()
        .create(registry.connectorAccount(account));
  }

  private static ChannelAccount account(ApplicationContext context, ChannelAccountId id) {
    return context.getBean(ChannelAccountRepository.class).findById(id.value()).orElseThrow();
  }
}
