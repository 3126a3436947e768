package io.parley.channels.internal;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The brand's email account that answers when a case's own channel cannot (a web form) or cannot
 * reach the customer any more (a chat visitor who left an address and went away).
 */
@Component
class BrandMailboxes {

  private final ChannelAccountRepository accounts;
  private final ConnectorRegistry registry;

  BrandMailboxes(ChannelAccountRepository accounts, ConnectorRegistry registry) {
    this.accounts = accounts;
    this.registry = registry;
  }

  /** The first sending email account of the brand, when {@code recipient} is an email address. */
  Optional<ChannelAccount> answering(Long brandId, String recipient) {
    if (brandId == null || recipient == null || !recipient.contains("@")) {
      return Optional.empty();
    }
    return accounts.findByBrandIdOrderByTypeAscNameAsc(brandId).stream()
        .filter(a -> a.getType().equals("email"))
        .filter(registry::canSend)
        .findFirst();
  }
}
