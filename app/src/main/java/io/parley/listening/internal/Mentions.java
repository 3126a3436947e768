package io.parley.listening.internal;

import io.parley.channels.ChannelAccountId;
import io.parley.channels.InboundMessage;
import io.parley.channels.ListenedMedia;
import io.parley.conversations.CaseUpdate;
import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.conversations.NewCase;
import io.parley.conversations.Priority;
import io.parley.customers.Contact;
import io.parley.customers.CustomerId;
import io.parley.customers.Customers;
import io.parley.identity.BrandId;
import io.parley.identity.CurrentUser;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The mentions stream: matched posts newest first, filtered; turning one into a case or its author
 * into a contact.
 */
@Component
class Mentions {

  private static final String COLUMNS =
      "id, brand_id, channel_account_id, channel_type, author_network, author_external_id,"
          + " author_handle, author_name, author_profile_url, body, language, listened, sentiment,"
          + " sentiment_score, tags, rule_ids, opens_case, case_reference, customer_id, posted_at,"
          + " media, inbound_id";

  private static final String NO_AUTHOR = "listening.mention.noAuthor";

  /** Filters of the stream; null or blank means any. */
  record Filter(String sentiment, String tag, String network, Long afterId) {}

  private final JdbcTemplate jdbc;
  private final Cases cases;
  private final Customers customers;
  private final ListenedMedia media;
  private final TransactionTemplate transaction;

  Mentions(
      JdbcTemplate jdbc,
      Cases cases,
      Customers customers,
      ListenedMedia media,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.cases = cases;
    this.customers = customers;
    this.media = media;
    this.transaction = new TransactionTemplate(transactions);
    // Each try its own transaction, whatever the caller's: a lost race aborts it.
    this.transaction.setPropagationBehavior(
        org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Transactional(readOnly = true)
  List<MentionView> latest(CurrentUser viewer, Filter filter, int limit) {
    StringBuilder sql =
        new StringBuilder("select " + COLUMNS + " from listening_mention where 1=1");
    List<Object> args = new ArrayList<>();
    if (!viewer.seesAllBrands()) {
      if (viewer.brands().isEmpty()) {
        return List.of();
      }
      sql.append(" and brand_id in (");
      sql.append(String.join(",", viewer.brands().stream().map(b -> "?").toList()));
      sql.append(")");
      viewer.brands().forEach(b -> args.add(b.value()));
    }
    if (filter.sentiment() != null && !filter.sentiment().isBlank()) {
      sql.append(" and sentiment = ?");
      args.add(filter.sentiment());
    }
    if (filter.tag() != null && !filter.tag().isBlank()) {
      sql.append(" and (',' || tags || ',') like ? escape '\\'");
      args.add(
          "%,"
              + io.parley.shared.SqlLike.literal(
                  filter.tag().strip().toLowerCase(java.util.Locale.ROOT))
              + ",%");
    }
    if (filter.network() != null && !filter.network().isBlank()) {
      sql.append(" and channel_type = ?");
      args.add(filter.network());
    }
    if (filter.afterId() != null) {
      sql.append(" and id > ?");
      args.add(filter.afterId());
    }
    sql.append(" order by id desc limit ").append(Math.max(1, Math.min(limit, 200)));
    return onTheirCases(jdbc.query(sql.toString(), Mentions::row, args.toArray()));
  }

  /**
   * The mentions with the case each is on: a post its rule or the intake made a case (or threaded
   * into one) is on that case though no click converted it, so nobody opens it a second one.
   */
  private List<MentionView> onTheirCases(List<MentionView> mentions) {
    List<Long> open =
        mentions.stream()
            .filter(m -> m.caseReference() == null && m.opensCase())
            .map(MentionView::inboundId)
            .toList();
    if (open.isEmpty()) {
      return mentions;
    }
    Map<Long, String> references = cases.referencesOfInbound(open);
    return mentions.stream()
        .map(
            m ->
                m.caseReference() == null && references.containsKey(m.inboundId())
                    ? m.onCase(references.get(m.inboundId()))
                    : m)
        .toList();
  }

  Optional<MentionView> find(long id, CurrentUser viewer) {
    return onTheirCases(
            jdbc.query(
                "select " + COLUMNS + " from listening_mention where id = ?", Mentions::row, id))
        .stream()
        .filter(m -> viewer.canSee(new BrandId(m.brandId())))
        .findFirst();
  }

  /**
   * Opens a case with the post as its first message (its author a contact, its tags on the case,
   * its photos attached: fetched first, outside the transaction; one that cannot be is named in the
   * message with its link); a post already turned into a case gives that case.
   */
  String openCase(long id, CurrentUser viewer) {
    MentionView m = find(id, viewer).orElseThrow(() -> new IllegalArgumentException("mention"));
    if (m.caseReference() != null) {
      return m.caseReference();
    }
    Map<String, Object> row =
        jdbc.queryForMap(
            "select channel_account_id, external_id, author_external_id from listening_mention"
                + " where id = ?",
            id);
    if (m.customerId() == null && blank((String) row.get("author_external_id"))) {
      // Refused before its files are fetched: a case needs the post's author as its customer.
      throw new IllegalStateException(NO_AUTHOR);
    }
    ChannelAccountId account =
        new ChannelAccountId(((Number) row.get("channel_account_id")).longValue());
    InboundMessage post =
        media.fetch(
            account,
            new InboundMessage(
                (String) row.get("external_id"),
                null,
                List.of(),
                null,
                null,
                m.text(),
                null,
                List.of(),
                true,
                m.postedAt(),
                Map.of(),
                InboundMessage.Source.LISTENED,
                m.language(),
                m.media()));
    return againIfRaced(() -> transaction.execute(status -> open(id, viewer, m, account, post)));
  }

  /** Tries of a click that keeps losing races to create the same contact. */
  private static final int TRIES = 5;

  /**
   * Runs {@code work} (a transaction of its own) again if it lost a race to create the same contact
   * (two clicks, two posts of one author at once): a later run finds it. PostgreSQL makes the loser
   * wait for the winner's commit and then refuses the duplicate; H2 refuses at once ("concurrent
   * update", a transient error) while the winner has not committed, hence a few tries, a little
   * apart.
   */
  private <T> T againIfRaced(java.util.function.Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (org.springframework.dao.DataIntegrityViolationException
          | org.springframework.dao.TransientDataAccessException raced) {
        if (attempt == TRIES) {
          throw raced;
        }
        try {
          Thread.sleep(20L * attempt);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw raced;
        }
      }
    }
  }

  /**
   * The mention's row, locked until the transaction ends: a second click on the same post waits for
   * the first and then sees what it did.
   */
  private Map<String, Object> locked(long id) {
    return jdbc.queryForMap(
        "select case_reference, customer_id from listening_mention where id = ? for update", id);
  }

  private String open(
      long id, CurrentUser viewer, MentionView m, ChannelAccountId account, InboundMessage post) {
    String converted = (String) locked(id).get("case_reference");
    if (converted != null) {
      return converted; // another click got there while the files were fetched
    }
    CustomerId customer = contactOf(id, m);
    CaseView opened =
        cases.open(
            new NewCase(
                new BrandId(m.brandId()),
                null,
                Priority.NORMAL,
                customer,
                account,
                m.channelType(),
                post.text(),
                m.postedAt()),
            post.attachments());
    Set<String> tags = new LinkedHashSet<>(m.tags());
    if (!tags.isEmpty()) {
      cases.update(opened.id(), new CaseUpdate(null, null, null, null, false, tags), null, null);
    }
    jdbc.update(
        "update listening_mention set case_reference = ? where id = ?", opened.reference(), id);
    return opened.reference();
  }

  /** The post's author as a customer: found by their network identity or created. */
  CustomerId contact(long id, CurrentUser viewer) {
    MentionView m = find(id, viewer).orElseThrow(() -> new IllegalArgumentException("mention"));
    if (m.customerId() != null) {
      return new CustomerId(m.customerId());
    }
    return againIfRaced(() -> transaction.execute(status -> contactOf(id, m)));
  }

  /** {@link #contact}'s work, in the caller's transaction: the mention's row locked first. */
  private CustomerId contactOf(long id, MentionView m) {
    Object known = locked(id).get("customer_id");
    if (known != null) {
      return new CustomerId(((Number) known).longValue());
    }
    var author =
        jdbc.queryForMap(
            "select author_network, author_external_id, author_handle, author_name,"
                + " author_profile_url from listening_mention where id = ?",
            id);
    String network = (String) author.get("author_network");
    String externalId = (String) author.get("author_external_id");
    if (blank(externalId)) {
      throw new IllegalStateException(NO_AUTHOR);
    }
    CustomerId customer =
        customers.resolveContact(
            new Contact(
                network == null ? m.channelType() : network,
                externalId,
                (String) author.get("author_handle"),
                (String) author.get("author_name"),
                null,
                (String) author.get("author_profile_url")));
    jdbc.update("update listening_mention set customer_id = ? where id = ?", customer.value(), id);
    return customer;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static MentionView row(ResultSet rs, int n) throws SQLException {
    String tags = rs.getString("tags");
    String rules = rs.getString("rule_ids");
    long customer = rs.getLong("customer_id");
    boolean noCustomer = rs.wasNull();
    return new MentionView(
        rs.getLong("id"),
        rs.getLong("brand_id"),
        rs.getString("channel_type"),
        rs.getString("author_handle"),
        rs.getString("author_name"),
        rs.getString("body"),
        rs.getString("language"),
        rs.getBoolean("listened"),
        rs.getString("sentiment"),
        rs.getDouble("sentiment_score"),
        tags == null ? List.of() : Arrays.asList(tags.split(",")),
        rules == null || rules.isBlank()
            ? List.of()
            : Arrays.stream(rules.split(",")).map(Long::valueOf).toList(),
        rs.getBoolean("opens_case"),
        rs.getString("case_reference"),
        noCustomer ? null : customer,
        rs.getTimestamp("posted_at").toInstant(),
        MentionMedia.read(rs.getString("media")),
        rs.getLong("inbound_id"));
  }
}
