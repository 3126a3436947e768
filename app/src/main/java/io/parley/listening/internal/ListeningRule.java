package io.parley.listening.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** A brand's listening rule: its query, scope and actions, as the admin saved it. */
@Entity
@Table(name = "listening_rule")
class ListeningRule {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private Long brandId;
  private String name;
  private String query;
  private String exclusions;
  private String languages;
  private String networks;
  private String accountIds;

  @Enumerated(EnumType.STRING)
  private RuleAction action;

  private boolean notify;
  private Long queueId;
  private String priority;
  private String skills;
  private String tags;
  private boolean active;
  private Instant createdAt;
  private Instant updatedAt;
  @Version private long version;

  protected ListeningRule() {}

  ListeningRule(Long brandId) {
    this.brandId = brandId;
    this.createdAt = Instant.now();
    this.active = true;
  }

  void apply(RuleForm form) {
    this.name = form.name().strip();
    this.query = form.query().strip();
    this.exclusions = blankToNull(form.exclusions());
    this.languages = join(RuleForm.list(form.languages()));
    this.networks = join(RuleForm.list(form.networks()));
    this.accountIds = join(RuleForm.list(form.accounts()));
    this.action = form.action();
    this.notify = form.notifies();
    this.queueId = form.queueId();
    this.priority = form.priority() == null || form.priority().isBlank() ? null : form.priority();
    this.skills = join(RuleForm.commaList(form.skills()));
    this.tags = join(RuleForm.commaList(form.tags()));
    this.active = form.active();
    this.updatedAt = Instant.now();
  }

  RuleForm toForm() {
    return new RuleForm(
        brandId,
        name,
        query,
        exclusions,
        languages,
        networks,
        accountIds,
        action,
        notify,
        queueId,
        priority,
        skills,
        tags,
        active);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String join(Set<String> values) {
    return values.isEmpty() ? null : String.join(",", values);
  }

  /**
   * What the engine matches with: the query, exclusions and scopes read. Throws {@link
   * io.parley.listening.RuleSyntaxException} or {@link NumberFormatException} for a rule that no
   * longer reads (saved before a stricter parser, or written by hand).
   */
  io.parley.listening.RuleSpec spec() {
    return new io.parley.listening.RuleSpec(
        id,
        brandId,
        io.parley.listening.RuleQuery.parse(query),
        exclusions == null ? null : io.parley.listening.RuleQuery.parseAnyOf(exclusions),
        split(languages),
        split(networks),
        split(accountIds).stream().map(Long::valueOf).collect(Collectors.toSet()));
  }

  static Set<String> split(String csv) {
    if (csv == null || csv.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(csv.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  public Long getId() {
    return id;
  }

  public Long getBrandId() {
    return brandId;
  }

  public String getName() {
    return name;
  }

  public String getQuery() {
    return query;
  }

  public String getExclusions() {
    return exclusions;
  }

  public String getLanguages() {
    return languages;
  }

  public String getNetworks() {
    return networks;
  }

  public String getAccountIds() {
    return accountIds;
  }

  public RuleAction getAction() {
    return action;
  }

  public boolean isNotify() {
    return notify;
  }

  public Long getQueueId() {
    return queueId;
  }

  public String getPriority() {
    return priority;
  }

  public String getSkills() {
    return skills;
  }

  public String getTags() {
    return tags;
  }

  public boolean isActive() {
    return active;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }
}
