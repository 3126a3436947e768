package io.parley.channels;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Lets a connector replace secret settings of its own account that its network rotates (an OAuth
 * access token and its refresh token), so the new values survive a restart and reach every node.
 */
public interface AccountSecrets {

  /**
   * Renews the secret settings of {@code account}, one renewal per account at a time across nodes
   * (the caller waits for another one to finish): {@code renewal} gets the secret settings as
   * stored now, which another node may have renewed meanwhile, and returns those to keep, the same
   * map when nothing needs to change. They are encrypted and committed before they are returned.
   * Only settings the account's factory declares secret may be set; whatever {@code renewal} throws
   * is rethrown and nothing changes. Not to be called inside a transaction that changed the account
   * (the renewal would wait for it).
   */
  Map<String, String> renew(ChannelAccountId account, UnaryOperator<Map<String, String>> renewal);
}
