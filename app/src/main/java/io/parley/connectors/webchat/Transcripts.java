package io.parley.connectors.webchat;

import io.parley.channels.ChannelAccountId;
import io.parley.channels.ConnectorRecords;
import io.parley.shared.AfterCommit;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The visitor's side of each chat: one session per visitor and account (so a returning visitor
 * finds their conversation again) and its lines, visitor's and agents', in order. Lines are unique
 * per account and external id, so a resent message or a retried reply is kept once.
 */
@Component
class Transcripts implements ConnectorRecords {

  static final String VISITOR = "visitor";
  static final String AGENT = "agent";
  static final String ERASED = "[erased]";

  /** What an erased session's visitor key starts with; no visitor's key does (see Visitor). */
  private static final String ERASED_VISITOR = "erased:";

  /** A visitor's chat on one account; {@code id} is random and is the visitor's key to it. */
  record Session(String id, long accountId, String visitor, String displayName, String email) {

    /** Erased on the customer's request: it is over, and takes nothing more. */
    boolean erased() {
      return visitor.startsWith(ERASED_VISITOR);
    }
  }

  /** One message of a chat as the visitor sees it. */
  record Line(long id, String sender, String externalId, String author, String body, Instant at) {}

  private final JdbcClient jdbc;
  private final LiveChats live;
  private final TransactionTemplate tx;

  Transcripts(JdbcClient jdbc, LiveChats live, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.live = live;
    this.tx = tx;
  }

  /** The visitor's session on the account, opened on their first visit. */
  Session open(long account, Visitor visitor) {
    jdbc.sql(
            """
            insert into connectors_webchat_session
              (id, account_id, visitor, display_name, email, created_at, last_seen_at)
            values (?, ?, ?, ?, ?, current_timestamp, current_timestamp)
            on conflict do nothing
            """)
        .params(
            "c-" + UUID.randomUUID(),
            account,
            visitor.key(),
            visitor.displayName(),
            visitor.email())
        .update();
    if (visitor.identified()) {
      // The company's server knows best: its latest name and address win.
      jdbc.sql(
              """
              update connectors_webchat_session
              set display_name = coalesce(?, display_name), email = coalesce(?, email),
                  last_seen_at = current_timestamp
              where account_id = ? and visitor = ?
              """)
          .params(visitor.displayName(), visitor.email(), account, visitor.key())
          .update();
    } else {
      jdbc.sql(
              "update connectors_webchat_session set last_seen_at = current_timestamp"
                  + " where account_id = ? and visitor = ?")
          .params(account, visitor.key())
          .update();
    }
    return jdbc.sql("select * from connectors_webchat_session where account_id = ? and visitor = ?")
        .params(account, visitor.key())
        .query(Transcripts::session)
        .single();
  }

  Optional<Session> find(long account, String id) {
    return jdbc.sql("select * from connectors_webchat_session where account_id = ? and id = ?")
        .params(account, id)
        .query(Transcripts::session)
        .optional();
  }

  /**
   * Keeps the address (and name) a visitor gave when nobody was there to answer; false when the
   * chat was erased.
   */
  boolean rememberContact(String session, String email, String name) {
    return jdbc.sql(
                "update connectors_webchat_session set email = ?,"
                    + " display_name = coalesce(?, display_name)"
                    + " where id = ? and visitor not like 'erased:%'")
            .params(email, name, session)
            .update()
        > 0;
  }

  /**
   * Adds a line once: a second call with the same external id returns the first line. Empty when
   * the chat was erased: the session row is locked while the line goes in, so an erasure either
   * comes first or overwrites the line too (it erases the session before its lines).
   */
  Optional<Line> add(
      String session, long account, String sender, String externalId, String author, String body) {
    return tx.execute(
        status -> {
          if (jdbc.sql(
                  "select id from connectors_webchat_session"
                      + " where id = ? and visitor not like 'erased:%' for update")
              .params(session)
              .query(String.class)
              .optional()
              .isEmpty()) {
            return Optional.<Line>empty();
          }
          jdbc.sql(
                  """
                  insert into connectors_webchat_line
                    (session_id, account_id, sender, external_id, author, body, created_at)
                  values (?, ?, ?, ?, ?, ?, current_timestamp)
                  on conflict do nothing
                  """)
              .params(session, account, sender, externalId, author, body)
              .update();
          return Optional.of(
              jdbc.sql(
                      "select * from connectors_webchat_line"
                          + " where account_id = ? and external_id = ?")
                  .params(account, externalId)
                  .query(Transcripts::line)
                  .single());
        });
  }

  /** The lines after {@code after}, or the latest {@code limit} when {@code after} is 0. */
  List<Line> lines(String session, long after, int limit) {
    if (after > 0) {
      return jdbc.sql(
              "select * from connectors_webchat_line where session_id = ? and id > ?"
                  + " order by id limit ?")
          .params(session, after, limit)
          .query(Transcripts::line)
          .list();
    }
    List<Line> latest =
        new ArrayList<>(
            jdbc.sql(
                    "select * from connectors_webchat_line where session_id = ?"
                        + " order by id desc limit ?")
                .params(session, limit)
                .query(Transcripts::line)
                .list());
    Collections.reverse(latest);
    return latest;
  }

  /**
   * The session a line with one of these external ids belongs to (what a reply answers), unless it
   * was erased.
   */
  Optional<String> sessionOfLines(long account, Collection<String> externalIds) {
    if (externalIds.isEmpty()) {
      return Optional.empty();
    }
    return jdbc.sql(
            "select l.session_id from connectors_webchat_line l"
                + " join connectors_webchat_session s on s.id = l.session_id"
                + " where l.account_id = :account and l.external_id in (:ids)"
                + " and s.visitor not like :erased order by l.id desc limit 1")
        .param("account", account)
        .param("ids", externalIds)
        .param("erased", ERASED_VISITOR + "%")
        .query(String.class)
        .optional();
  }

  Optional<String> sessionOfVisitor(long account, String visitor) {
    return jdbc.sql(
            "select id from connectors_webchat_session where account_id = ? and visitor = ?")
        .params(account, visitor)
        .query(String.class)
        .optional();
  }

  /**
   * The external ids a new visitor message answers: the session's last visitor line and last agent
   * line, so it joins the case the chat is on.
   */
  List<String> threadIds(String session) {
    return jdbc.sql(
            """
            select external_id from connectors_webchat_line
            where id in (select max(id) from connectors_webchat_line
                         where session_id = ? group by sender)
            """)
        .params(session)
        .query(String.class)
        .list();
  }

  /**
   * A customer's erasure: their chats (the sessions of their own visitor keys on any account, of
   * {@code chatAddresses} or their own addresses on {@code accounts} only, or holding these
   * messages) keep their lines, each text overwritten, and lose the visitor's name, address and
   * key, so a visitor coming back starts a new chat. An erased session is over: it takes no more
   * messages or replies, and its open pages are told once the erasure commits. An address typed
   * into another brand's chat proves nothing and stays, as does a company's key for a visitor
   * there.
   */
  @Override
  public int erase(
      Collection<ChannelAccountId> accounts,
      Collection<String> chatAddresses,
      Collection<String> identifiers,
      Collection<String> externalIds) {
    List<Long> accountIds = accounts.stream().map(ChannelAccountId::value).toList();
    Set<String> scoped = withLowerCase(chatAddresses);
    scoped.addAll(withLowerCase(identifiers));
    Set<String> sessions = new LinkedHashSet<>();
    if (!accountIds.isEmpty() && !scoped.isEmpty()) {
      sessions.addAll(
          jdbc.sql(
                  "select id from connectors_webchat_session where account_id in (:accounts)"
                      + " and (visitor in (:addresses) or email in (:addresses))")
              .param("accounts", accountIds)
              .param("addresses", scoped)
              .query(String.class)
              .list());
    }
    if (!identifiers.isEmpty()) {
      // Their own visitor key (an anonymous visitor's random id) is theirs on any chat.
      sessions.addAll(
          jdbc.sql("select id from connectors_webchat_session where visitor in (:visitors)")
              .param("visitors", identifiers)
              .query(String.class)
              .list());
    }
    if (!externalIds.isEmpty()) {
      sessions.addAll(
          jdbc.sql(
                  "select distinct session_id from connectors_webchat_line"
                      + " where external_id in (:ids)")
              .param("ids", externalIds)
              .query(String.class)
              .list());
    }
    if (sessions.isEmpty()) {
      return 0;
    }
    // The sessions first: a line being added holds its session's row until it is in, and is then
    // seen by the update of the lines.
    int changed =
        jdbc.sql(
                "update connectors_webchat_session set visitor = 'erased:' || id,"
                    + " display_name = null, email = null where id in (:sessions)")
            .param("sessions", sessions)
            .update();
    changed +=
        jdbc.sql(
                "update connectors_webchat_line set body = :erased, author = null"
                    + " where session_id in (:sessions)")
            .param("erased", ERASED)
            .param("sessions", sessions)
            .update();
    AfterCommit.run(() -> sessions.forEach(live::end));
    return changed;
  }

  private static Set<String> withLowerCase(Collection<String> addresses) {
    Set<String> all = new LinkedHashSet<>(addresses);
    addresses.forEach(a -> all.add(a.toLowerCase(Locale.ROOT)));
    return all;
  }

  private static Session session(ResultSet rs, int row) throws SQLException {
    return new Session(
        rs.getString("id"),
        rs.getLong("account_id"),
        rs.getString("visitor"),
        rs.getString("display_name"),
        rs.getString("email"));
  }

  private static Line line(ResultSet rs, int row) throws SQLException {
    return new Line(
        rs.getLong("id"),
        rs.getString("sender"),
        rs.getString("external_id"),
        rs.getString("author"),
        rs.getString("body"),
        rs.getTimestamp("created_at").toInstant());
  }
}
