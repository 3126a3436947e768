package io.parley.channels;

import io.parley.channels.internal.AccountConfiguration;
import io.parley.channels.internal.ChannelAccount;
import io.parley.channels.internal.ChannelAccountRepository;
import io.parley.channels.internal.ConnectorRegistry;
import io.parley.identity.BrandId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The company's channel accounts. */
@Service
public class ChannelAccounts {

  /**
   * Channel types an account may have. Those with a connector factory can be connected and
   * configured; the others (networks whose connectors come later) are listed but idle.
   */
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
          "telegram",
          "replay");

  private final ChannelAccountRepository accounts;
  private final AccountConfiguration configuration;
  private final ConnectorRegistry registry;

  ChannelAccounts(
      ChannelAccountRepository accounts,
      AccountConfiguration configuration,
      ConnectorRegistry registry) {
    this.accounts = accounts;
    this.configuration = configuration;
    this.registry = registry;
  }

  /**
   * The live connector of an active, configured account: for connectors that serve their own
   * endpoints to customers (web chat, hosted forms) and need their account's settings.
   */
  @Transactional(readOnly = true)
  public Optional<ChannelConnector> connector(ChannelAccountId id) {
    return accounts.findById(id.value()).flatMap(registry::connector);
  }

  /**
   * Connects an account through its connector: settings are checked against the factory's metadata,
   * secret ones encrypted. Throws {@link ChannelRejected} listing every problem.
   */
  @Transactional
  public ChannelAccountSummary connect(
      BrandId brand, String type, String name, String address, Map<String, String> settings) {
    return configuration.connect(brand, type, name, address, settings);
  }

  /** Changes an account's settings; a blank secret keeps the stored one. */
  @Transactional
  public ChannelAccountSummary reconfigure(
      ChannelAccountId id, String name, String address, Map<String, String> settings) {
    return reconfigure(id, name, address, settings, Set.of());
  }

  /**
   * As above, removing the stored secrets named in {@code removedSecrets} whose field is blank (a
   * key no longer used, e.g. WeChat back in plaintext mode). A required secret can be replaced, not
   * removed: {@link ChannelRejected} says so, as it does for any invalid result.
   */
  @Transactional
  public ChannelAccountSummary reconfigure(
      ChannelAccountId id,
      String name,
      String address,
      Map<String, String> settings,
      Set<String> removedSecrets) {
    return configuration.reconfigure(id, name, address, settings, removedSecrets);
  }

  /** The account's settings without its secrets, to fill the form again. */
  @Transactional(readOnly = true)
  public Map<String, String> visibleSettings(ChannelAccountId id) {
    return configuration.visibleSettings(id);
  }

  /** The names of the account's stored secret settings, to offer removing them; no values. */
  @Transactional(readOnly = true)
  public Set<String> storedSecrets(ChannelAccountId id) {
    return configuration.storedSecrets(id);
  }

  /** Turns an account off (nothing polled or sent) or on again; it is never deleted. */
  @Transactional
  public void activate(ChannelAccountId id, boolean active) {
    configuration.activate(id, active);
  }

  @Transactional(readOnly = true)
  public AccountHealth health(ChannelAccountId id) {
    return configuration.health(id);
  }

  @Transactional(readOnly = true)
  public List<AccountHealth> healthOfAll() {
    return accounts.findAllByOrderByBrandIdAscTypeAscNameAsc().stream()
        .map(a -> configuration.health(new ChannelAccountId(a.getId())))
        .toList();
  }

  /**
   * Whether {@code agent} may answer through the account: the company grants accounts to named
   * agents; an account granted to nobody is open to every agent of its brand.
   */
  @Transactional(readOnly = true)
  public boolean mayAnswer(ChannelAccountId account, io.parley.identity.UserId agent) {
    List<Long> granted = accounts.grantedAgents(account.value());
    return granted.isEmpty() || granted.contains(agent.value());
  }

  @Transactional(readOnly = true)
  public java.util.Set<io.parley.identity.UserId> grantedAgents(ChannelAccountId account) {
    return accounts.grantedAgents(account.value()).stream()
        .map(io.parley.identity.UserId::new)
        .collect(java.util.stream.Collectors.toSet());
  }

  /** Grants the account to exactly these agents (none: every agent of the brand). */
  @Transactional
  public void grant(ChannelAccountId account, java.util.Set<io.parley.identity.UserId> agents) {
    accounts.revokeAll(account.value());
    agents.forEach(a -> accounts.grantTo(account.value(), a.value()));
  }

  /** Switches the agents' signature tag on replies through this account on or off. */
  @Transactional
  public void signatureTags(ChannelAccountId id, boolean on) {
    configuration.signatureTags(id, on);
  }

  /** Whether outgoing replies on this account carry the agent's signature tag (e.g. ^LN). */
  @Transactional(readOnly = true)
  public boolean signatureTags(ChannelAccountId id) {
    return accounts.findById(id.value()).map(ChannelAccount::isSignatureTags).orElse(true);
  }

  /**
   * What replies through the account may be (public, private, length, window); {@link
   * ReplyRules#UNRESTRICTED} for an unknown, inactive or unconfigured account or one whose type has
   * no connector.
   */
  @Transactional(readOnly = true)
  public ReplyRules replyRules(ChannelAccountId id) {
    return accounts
        .findById(id.value())
        // An account that is off or not set up sends nothing itself (replies go by the brand's
        // email): its network's rules do not apply.
        .filter(a -> a.isActive() && a.isConfigured())
        .flatMap(a -> registry.factory(a.getType()))
        .map(ReplyRules::of)
        .orElse(ReplyRules.UNRESTRICTED);
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
