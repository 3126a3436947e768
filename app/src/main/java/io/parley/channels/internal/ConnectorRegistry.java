package io.parley.channels.internal;

import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelConnector;
import io.parley.channels.ChannelConnectorFactory;
import io.parley.channels.ConnectorAccount;
import io.parley.identity.BrandId;
import jakarta.annotation.PreDestroy;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The connector factories, by type, and one live connector per configured account (recreated when
 * the account's settings change).
 */
@Component
public class ConnectorRegistry {

  private static final TypeReference<LinkedHashMap<String, String>> SETTINGS =
      new TypeReference<>() {};

  private final Map<String, ChannelConnectorFactory> factories = new LinkedHashMap<>();
  private final Map<Long, Live> live = new ConcurrentHashMap<>();
  private final SecretBox secrets;
  private final JsonMapper json;
  private final String publicUrl;

  ConnectorRegistry(
      List<ChannelConnectorFactory> factories,
      SecretBox secrets,
      JsonMapper json,
      ChannelsProperties properties) {
    String url = properties.publicUrl() == null ? "" : properties.publicUrl().strip();
    this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    factories.stream()
        .sorted(Comparator.comparing(ChannelConnectorFactory::type))
        .forEach(
            f -> {
              if (this.factories.put(f.type(), f) != null) {
                throw new IllegalStateException("Two connector factories of type " + f.type());
              }
            });
    this.secrets = secrets;
    this.json = json;
  }

  public Optional<ChannelConnectorFactory> factory(String type) {
    return Optional.ofNullable(factories.get(type));
  }

  public List<ChannelConnectorFactory> factories() {
    return List.copyOf(factories.values());
  }

  /** Whether the account is on and its connector can answer customers (publicly or privately). */
  /** The types whose factories declare {@code capability}. */
  List<String> typesWith(io.parley.channels.Capability capability) {
    return factories.values().stream()
        .filter(f -> f.capabilities().contains(capability))
        .map(ChannelConnectorFactory::type)
        .toList();
  }

  boolean canSend(ChannelAccount account) {
    if (!account.isActive() || !account.isConfigured()) {
      return false;
    }
    return factory(account.getType())
        .map(ChannelConnectorFactory::capabilities)
        .filter(
            c ->
                c.contains(io.parley.channels.Capability.PUBLIC_REPLY)
                    || c.contains(io.parley.channels.Capability.PRIVATE_MESSAGE))
        .isPresent();
  }

  /** The account's connector, if its type has a factory and the account is configured. */
  public Optional<ChannelConnector> connector(ChannelAccount account) {
    ChannelConnectorFactory factory = factories.get(account.getType());
    if (factory == null || !account.isConfigured() || !account.isActive()) {
      return Optional.empty();
    }
    String fingerprint = fingerprint(account, account.getSecrets());
    Live current =
        live.compute(
            account.getId(),
            (id, existing) -> {
              if (existing != null && existing.fingerprint.equals(fingerprint)) {
                return existing;
              }
              if (existing != null) {
                existing.connector.close();
              }
              return new Live(fingerprint, factory.create(connectorAccount(account)));
            });
    return Optional.of(current.connector);
  }

  /**
   * The account's connector renewed secrets its network rotates and already uses them: the live
   * connector, if it was made from the secrets before, stays (recreating it would drop its stream
   * and what it knows of the token's expiry). One made from older settings is still replaced.
   */
  void secretsRenewed(ChannelAccount account, String previousSecrets) {
    String before = fingerprint(account, previousSecrets);
    String after = fingerprint(account, account.getSecrets());
    live.computeIfPresent(
        account.getId(),
        (id, existing) ->
            existing.fingerprint.equals(before) ? new Live(after, existing.connector) : existing);
  }

  private static String fingerprint(ChannelAccount account, String secrets) {
    return account.getName()
        + "\u0000"
        + account.getAddress()
        + "\u0000"
        + account.getSettings()
        + "\u0000"
        + secrets;
  }

  ConnectorAccount connectorAccount(ChannelAccount account) {
    Map<String, String> settings = new LinkedHashMap<>(read(account.getSettings()));
    if (account.getSecrets() != null) {
      settings.putAll(read(secrets.open(account.getSecrets())));
    }
    return new ConnectorAccount(
        new ChannelAccountId(account.getId()),
        new BrandId(account.getBrandId()),
        account.getType(),
        account.getName(),
        account.getAddress(),
        Map.copyOf(settings),
        publicUrl.isEmpty() ? null : publicUrl + "/hooks/" + account.getId());
  }

  Map<String, String> read(String settingsJson) {
    if (settingsJson == null || settingsJson.isBlank()) {
      return Map.of();
    }
    return json.readValue(settingsJson, SETTINGS);
  }

  String write(Map<String, String> settings) {
    return json.writeValueAsString(settings);
  }

  SecretBox secrets() {
    return secrets;
  }

  @PreDestroy
  void closeAll() {
    live.values().forEach(l -> l.connector.close());
    live.clear();
  }

  private record Live(String fingerprint, ChannelConnector connector) {}
}
