package io.parley.channels;

import io.parley.channels.internal.ChannelAccount;
import io.parley.channels.internal.ChannelAccountRepository;
import io.parley.identity.BrandId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The company's channel accounts. */
@Service
public class ChannelAccounts {

  /** Channel types known today; connectors add to this list in later releases. */
  public static final Set<String> TYPES =
      Set.of(
          "email",
          "webchat",
          "webform",
          "api",
          "phone",
          "x",
          "weibo",
          "wechat",
          "mastodon",
          "telegram");

  private final ChannelAccountRepository accounts;

  ChannelAccounts(ChannelAccountRepository accounts) {
    this.accounts = accounts;
  }

  /** Connects an account to a brand. The brand, not any employee, owns it. */
  @Transactional
  public ChannelAccountSummary register(BrandId brand, String type, String name, String address) {
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("Unknown channel type: " + type);
    }
    return accounts.save(new ChannelAccount(brand.value(), type, name, address)).summary();
  }

  @Transactional(readOnly = true)
  public Optional<ChannelAccountSummary> find(ChannelAccountId id) {
    return accounts.findById(id.value()).map(ChannelAccount::summary);
  }

  @Transactional(readOnly = true)
  public List<ChannelAccountSummary> all() {
    return accounts.findAllByOrderByBrandIdAscTypeAscNameAsc().stream()
        .map(ChannelAccount::summary)
        .toList();
  }

  @Transactional(readOnly = true)
  public List<ChannelAccountSummary> ofBrand(BrandId brand) {
    return accounts.findByBrandIdOrderByTypeAscNameAsc(brand.value()).stream()
        .map(ChannelAccount::summary)
        .toList();
  }
}
