package io.parley.channels;

import io.parley.identity.BrandId;
import java.util.Map;

/**
 * A channel account as its connector sees it: the brand owning it, its address on the network, its
 * settings (secrets decrypted, never logged) and the URL where the network reaches its webhook
 * ({@code /hooks/{id}} under Parley's public URL; null where unknown), for connectors that register
 * their webhook with the network themselves (Telegram's setWebhook).
 */
public record ConnectorAccount(
    ChannelAccountId id,
    BrandId brand,
    String type,
    String name,
    String address,
    Map<String, String> settings,
    String webhookUrl) {

  public ConnectorAccount(
      ChannelAccountId id,
      BrandId brand,
      String type,
      String name,
      String address,
      Map<String, String> settings) {
    this(id, brand, type, name, address, settings, null);
  }

  public String setting(String name) {
    return settings.get(name);
  }

  public String setting(String name, String fallback) {
    String value = settings.get(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  public int intSetting(String name, int fallback) {
    String value = settings.get(name);
    try {
      return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  public boolean flag(String name) {
    return Boolean.parseBoolean(settings.get(name));
  }

  /** Whether the account asks for an email confirming each case it opens. */
  public boolean confirmsReceipt() {
    return flag(ConfigProperty.CONFIRMATION_EMAIL);
  }

  @Override
  public String toString() {
    return "ConnectorAccount[" + id.value() + " " + type + " " + address + "]";
  }
}
