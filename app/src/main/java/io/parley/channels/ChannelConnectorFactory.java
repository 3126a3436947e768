package io.parley.channels;

import java.util.List;
import java.util.Set;

/**
 * A kind of channel (email, web chat, Weibo...), registered as a Spring bean: created once, it
 * describes itself and creates one {@link ChannelConnector} per connected account.
 */
public interface ChannelConnectorFactory {

  /** Stable id stored on accounts ("email", "x", "weibo"); never changes once released. */
  String type();

  /** The message key of the name shown to admins. */
  default String displayNameKey() {
    return "channel." + type();
  }

  Set<Capability> capabilities();

  /** The settings an account of this type needs, in form order. */
  List<ConfigProperty> configProperties();

  /**
   * Checks settings before they are saved; returns message keys of problems (empty when fine).
   * Required settings are checked by the caller.
   */
  default List<String> validate(java.util.Map<String, String> settings) {
    return List.of();
  }

  ChannelConnector create(ConnectorAccount account);

  /**
   * How long a reply may be and how the network counts it, for a public reply or a private message.
   * Enforced when an agent sends (a longer reply is refused, never cut) and shown live in the
   * composer.
   */
  default TextLimit textLimit(boolean publicReply) {
    return TextLimit.NONE;
  }

  /**
   * How long after the customer's last message a reply of this kind is still allowed (e.g. WeChat's
   * 48 hours for customer-service messages); empty when there is no window.
   */
  default java.util.Optional<java.time.Duration> replyWindow(boolean publicReply) {
    return java.util.Optional.empty();
  }

  /**
   * HTML the company pastes into its own site to reach this account (a form, a chat widget), shown
   * on the account's admin page; null when the channel has none.
   */
  default String embedCode(ChannelAccountId account, String publicUrl, java.util.Locale locale) {
    return null;
  }
}
