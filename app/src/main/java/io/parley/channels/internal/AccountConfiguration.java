package io.parley.channels.internal;

import io.parley.channels.AccountHealth;
import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelAccountSummary;
import io.parley.channels.ChannelConnectorFactory;
import io.parley.channels.ChannelRejected;
import io.parley.channels.ChannelRejected.Problem;
import io.parley.channels.ConfigProperty;
import io.parley.channels.DeliveryState;
import io.parley.identity.BrandId;
import io.parley.identity.Brands;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Checks and stores an account's settings as its factory describes them. */
@Component
public class AccountConfiguration {

  private final ChannelAccountRepository accounts;
  private final ConnectorRegistry registry;
  private final Brands brands;
  private final InboundRecordRepository inbound;
  private final OutboxRepository outbox;

  private final IgnoredPosts ignored;

  AccountConfiguration(
      ChannelAccountRepository accounts,
      ConnectorRegistry registry,
      Brands brands,
      InboundRecordRepository inbound,
      OutboxRepository outbox,
      IgnoredPosts ignored) {
    this.ignored = ignored;
    this.accounts = accounts;
    this.registry = registry;
    this.brands = brands;
    this.inbound = inbound;
    this.outbox = outbox;
  }

  public ChannelAccountSummary connect(
      BrandId brand, String type, String name, String address, Map<String, String> values) {
    ChannelConnectorFactory factory =
        registry.factory(type).orElseThrow(() -> new ChannelRejected("channel.type.unknown"));
    List<Problem> problems = new ArrayList<>();
    if (brand == null || brands.find(brand).isEmpty()) {
      problems.add(new Problem("channel.brand.invalid"));
    }
    checkNameAndAddress(name, address, problems);
    checkMailbox(type, address, problems);
    if (address != null && accounts.existsByTypeAndAddress(type, address.strip())) {
      problems.add(new Problem("channel.address.taken", address.strip()));
    }
    Split split = split(factory, values, Map.of(), Set.of(), problems);
    if (!problems.isEmpty()) {
      throw new ChannelRejected(problems);
    }
    ChannelAccount account = new ChannelAccount(brand.value(), type, name.strip(), address.strip());
    account.configure(name.strip(), address.strip(), split.visible(), split.sealed());
    return accounts.save(account).summary();
  }

  /**
   * Changes the account's settings. A secret left blank keeps its stored value unless its name is
   * in {@code removedSecrets}: then it is removed (refused for a required one).
   */
  public ChannelAccountSummary reconfigure(
      ChannelAccountId id,
      String name,
      String address,
      Map<String, String> values,
      Set<String> removedSecrets) {
    ChannelAccount account =
        accounts.lock(id.value()).orElseThrow(() -> new ChannelRejected("channel.account.unknown"));
    ChannelConnectorFactory factory =
        registry
            .factory(account.getType())
            .orElseThrow(() -> new ChannelRejected("channel.type.unknown"));
    List<Problem> problems = new ArrayList<>();
    checkNameAndAddress(name, address, problems);
    checkMailbox(account.getType(), address, problems);
    if (address != null
        && !address.strip().equals(account.getAddress())
        && accounts.existsByTypeAndAddress(account.getType(), address.strip())) {
      problems.add(new Problem("channel.address.taken", address.strip()));
    }
    Map<String, String> storedSecrets =
        account.getSecrets() == null
            ? Map.of()
            : registry.read(registry.secrets().open(account.getSecrets()));
    Split split = split(factory, values, storedSecrets, removedSecrets, problems);
    if (!problems.isEmpty()) {
      throw new ChannelRejected(problems);
    }
    account.configure(name.strip(), address.strip(), split.visible(), split.sealed());
    return account.summary();
  }

  public Map<String, String> visibleSettings(ChannelAccountId id) {
    return accounts.findById(id.value()).map(a -> registry.read(a.getSettings())).orElse(Map.of());
  }

  /** The names of the secret settings the account has a value for (never the values). */
  public Set<String> storedSecrets(ChannelAccountId id) {
    return accounts
        .findById(id.value())
        .filter(a -> a.getSecrets() != null)
        .map(a -> Set.copyOf(registry.read(registry.secrets().open(a.getSecrets())).keySet()))
        .orElse(Set.of());
  }

  public void activate(ChannelAccountId id, boolean active) {
    accounts
        .lock(id.value())
        .orElseThrow(() -> new ChannelRejected("channel.account.unknown"))
        .activate(active);
  }

  public void signatureTags(ChannelAccountId id, boolean on) {
    accounts
        .lock(id.value())
        .orElseThrow(() -> new ChannelRejected("channel.account.unknown"))
        .signatureTags(on);
  }

  public AccountHealth health(ChannelAccountId id) {
    ChannelAccount a =
        accounts
            .findById(id.value())
            .orElseThrow(() -> new ChannelRejected("channel.account.unknown"));
    return new AccountHealth(
        a.summary(),
        registry.factory(a.getType()).isPresent(),
        a.isConfigured(),
        a.getLastPollAt(),
        a.getLastSuccessAt(),
        a.getLastErrorAt(),
        a.getLastError(),
        a.getRateLimitedUntil(),
        inbound.countByAccountIdAndStatus(a.getId(), "ACCEPTED"),
        inbound.countByAccountIdAndStatus(a.getId(), "FILTERED"),
        inbound.countByAccountIdAndStatus(a.getId(), "FAILED"),
        ignored.lastDays(a.getId(), AccountHealth.IGNORED_DAYS),
        outbox.countByAccountIdAndStatusIn(
            a.getId(),
            EnumSet.of(DeliveryState.QUEUED, DeliveryState.RETRYING, DeliveryState.SENDING)),
        outbox.countByAccountIdAndStatusIn(
            a.getId(), EnumSet.of(DeliveryState.FAILED, DeliveryState.BOUNCED)));
  }

  /** Recent messages held back or failed on an account, for its health page. */
  public List<HeldMessage> held(ChannelAccountId id) {
    return inbound
        .findTop20ByAccountIdAndStatusNotOrderByReceivedAtDesc(id.value(), "ACCEPTED")
        .stream()
        .map(
            r ->
                new HeldMessage(
                    r.getReceivedAt(), r.getAuthor(), r.getSubject(), r.getStatus(), r.getReason()))
        .toList();
  }

  /** A message the filters held back or that failed. */
  public record HeldMessage(
      java.time.Instant receivedAt, String author, String subject, String status, String reason) {}

  private static void checkNameAndAddress(String name, String address, List<Problem> problems) {
    if (name == null || name.isBlank() || name.strip().length() > 200) {
      problems.add(new Problem("channel.name.invalid"));
    }
    if (address == null || address.isBlank() || address.strip().length() > 320) {
      problems.add(new Problem("channel.address.invalid"));
    }
  }

  /** A mailbox's address is where replies come from: it must be an email address. */
  private static void checkMailbox(String type, String address, List<Problem> problems) {
    if ("email".equals(type)
        && address != null
        && !address.isBlank()
        && !address.strip().matches("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+")) {
      problems.add(new Problem("channel.address.email", address.strip()));
    }
  }

  private Split split(
      ChannelConnectorFactory factory,
      Map<String, String> values,
      Map<String, String> storedSecrets,
      Set<String> removedSecrets,
      List<Problem> problems) {
    Map<String, String> visible = new LinkedHashMap<>();
    Map<String, String> secret = new LinkedHashMap<>();
    for (ConfigProperty property : factory.configProperties()) {
      String value = values.get(property.name());
      value = value == null ? null : value.strip();
      if (property.type() == ConfigProperty.Type.SECRET) {
        boolean remove = removedSecrets.contains(property.name());
        boolean typed = value != null && !value.isEmpty();
        if (remove && typed) {
          problems.add(new Problem("channel.setting.secret.both", property.labelKey()));
          continue;
        }
        if (remove && property.required()) {
          problems.add(new Problem("channel.setting.secret.required", property.labelKey()));
          continue;
        }
        if (!typed && !remove) {
          // A blank field keeps the stored value: the form never shows it again.
          value = storedSecrets.get(property.name());
        }
      } else if ((value == null || value.isEmpty()) && property.defaultValue() != null) {
        value = property.type() == ConfigProperty.Type.BOOLEAN ? "false" : property.defaultValue();
      }
      if (property.type() == ConfigProperty.Type.BOOLEAN) {
        value = String.valueOf("true".equals(value) || "on".equals(value));
      }
      if (property.required() && (value == null || value.isEmpty())) {
        problems.add(new Problem("channel.setting.required", property.labelKey()));
        continue;
      }
      if (value == null || value.isEmpty()) {
        continue;
      }
      switch (property.type()) {
        case NUMBER -> {
          if (!value.matches("\\d{1,9}")) {
            problems.add(new Problem("channel.setting.number", property.labelKey()));
          }
        }
        case SELECT -> {
          if (!property.options().contains(value)) {
            problems.add(new Problem("channel.setting.option", property.labelKey()));
          }
        }
        case URL -> {
          if (!value.matches("https?://\\S+")) {
            problems.add(new Problem("channel.setting.url", property.labelKey()));
          }
        }
        case EMAIL -> {
          if (!value.matches("[^@\\s]+@[^@\\s]+")) {
            problems.add(new Problem("channel.setting.email", property.labelKey()));
          }
        }
        default -> {}
      }
      (property.type() == ConfigProperty.Type.SECRET ? secret : visible)
          .put(property.name(), value);
    }
    for (String key : factory.validate(merge(visible, secret))) {
      problems.add(new Problem(key));
    }
    return new Split(
        registry.write(visible),
        secret.isEmpty() ? null : registry.secrets().seal(registry.write(secret)));
  }

  private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
    Map<String, String> all = new LinkedHashMap<>(a);
    all.putAll(b);
    return all;
  }

  private record Split(String visible, String sealed) {}
}
