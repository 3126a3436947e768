package io.parley.channels.internal;

import io.parley.channels.AccountSecrets;
import io.parley.channels.ChannelAccountId;
import io.parley.channels.ConfigProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Renews a connector's secrets while the account's row is locked ({@code select ... for update}): a
 * renewal on another node waits, then reads what the first one stored. Each renewal commits in its
 * own transaction, so the new secrets are stored before the connector uses them. Holding the lock
 * while the connector asks its network is deliberate: the network may rotate what it reads.
 */
@Component
class SecretRenewals implements AccountSecrets {

  private final ChannelAccountRepository accounts;
  private final ObjectProvider<ConnectorRegistry> registries;
  private final TransactionTemplate transaction;

  // The registry is looked up when used: it is made from the connector factories, which use this.
  SecretRenewals(
      ChannelAccountRepository accounts,
      ObjectProvider<ConnectorRegistry> registries,
      PlatformTransactionManager transactions) {
    this.accounts = accounts;
    this.registries = registries;
    this.transaction = new TransactionTemplate(transactions);
    this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Override
  public Map<String, String> renew(
      ChannelAccountId id, UnaryOperator<Map<String, String>> renewal) {
    ConnectorRegistry registry = registries.getObject();
    Renewal done =
        transaction.execute(
            status -> {
              ChannelAccount account =
                  accounts
                      .lock(id.value())
                      .orElseThrow(
                          () -> new IllegalArgumentException("No channel account " + id.value()));
              Map<String, String> stored =
                  account.getSecrets() == null
                      ? Map.of()
                      : registry.read(registry.secrets().open(account.getSecrets()));
              Map<String, String> kept =
                  new LinkedHashMap<>(renewal.apply(Collections.unmodifiableMap(stored)));
              if (kept.equals(stored)) {
                return new Renewal(account, null, false, kept);
              }
              refuseUndeclared(registry, account, kept);
              String previous = account.getSecrets();
              account.renewSecrets(
                  kept.isEmpty() ? null : registry.secrets().seal(registry.write(kept)));
              return new Renewal(account, previous, true, kept);
            });
    if (done.changed()) {
      registry.secretsRenewed(done.account(), done.previous());
    }
    return Collections.unmodifiableMap(done.secrets());
  }

  private static void refuseUndeclared(
      ConnectorRegistry registry, ChannelAccount account, Map<String, String> kept) {
    Set<String> secret =
        registry
            .factory(account.getType())
            .map(
                f ->
                    f.configProperties().stream()
                        .filter(p -> p.type() == ConfigProperty.Type.SECRET)
                        .map(ConfigProperty::name)
                        .collect(Collectors.toSet()))
            .orElse(Set.of());
    kept.forEach(
        (name, value) -> {
          if (!secret.contains(name) || value == null) {
            throw new IllegalArgumentException(
                "A " + account.getType() + " connector cannot store " + name + " as a secret");
          }
        });
  }

  private record Renewal(
      ChannelAccount account, String previous, boolean changed, Map<String, String> secrets) {}
}
