package io.parley.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Seeds cases and their messages straight into PostgreSQL with {@code insert ... select ... from
 * generate_series}, in batches, consistent with the application's schema: ids in a high range (the
 * application's sequences are moved above them afterwards), references numbered per brand after the
 * demo cases (the brands' case counters are moved past them), statuses, assignees, brands,
 * customers and channels spread deterministically, updated_at over the last 90 days. Every case
 * gets an inbound first message, a reply (or, while unassigned, a follow-up from the customer) and
 * every second one a note. Only columns of the first conversations migration are written; columns
 * added since are nullable or have defaults, which {@link #checkColumns} verifies.
 */
final class CaseSeeder {

  /** Seeded case ids are {@code CASE_ID_BASE + 1 ...}; message ids start above the same base. */
  static final long CASE_ID_BASE = 10_000_000L;

  static final long MESSAGE_ID_BASE = 10_000_000L;

  private static final List<String> CASE_COLUMNS =
      List.of(
          "id",
          "brand_id",
          "number",
          "reference",
          "subject",
          "status",
          "priority",
          "customer_id",
          "channel_account_id",
          "channel_type",
          "assignee_id",
          "created_at",
          "updated_at",
          "first_response_at",
          "solved_at",
          "version");

  private static final List<String> MESSAGE_COLUMNS =
      List.of(
          "id", "case_id", "kind", "author_customer_id", "author_user_id", "body", "created_at");

  private static final String[] SUBJECTS = {
    "Phone screen flickers after the latest update",
    "Battery drains overnight",
    "Refund for a double charge on my bill",
    "Delivery has not arrived",
    "Warranty repair status",
    "Cannot sign in to the Acme app",
    "Wrong item in my order",
    "Router keeps dropping the connection",
    "Dishwasher leaks water",
    "Installation appointment needs to move",
    "手机屏幕出现绿线",
    "充电器发热严重",
    "订单一直没有发货",
    "申请退款",
    "空调遥控器失灵",
    "Invoice address must change",
    "Roaming charges look too high",
    "Smart lock does not pair",
    "Vacuum robot stuck on charging",
    "Trade-in credit missing"
  };

  private static final String[] INBOUND = {
    "Hello, since yesterday the screen flickers every few seconds and restarting does not help."
        + " I bought it two months ago. What can I do?",
    "I was charged twice this month for the same plan. Please refund the second charge, my"
        + " account number is in my profile.",
    "My order was supposed to arrive on Monday and the tracking page has not changed for four"
        + " days. Can you check where it is?",
    "你好，我的手机更新系统以后屏幕一直闪，重启也没有用，请问怎么处理？",
    "The technician did not come at the agreed time and nobody called. I took a day off for"
        + " this. Please call me back today.",
    "订单显示已发货但物流三天没有更新，麻烦帮我查一下。",
    "Still waiting for an answer here. Any news?",
    "The replacement part arrived but it is the wrong model."
  };

  private static final String[] OUTBOUND = {
    "Thank you for reaching out and sorry for the trouble. I have checked your account and"
        + " started the refund; you will see it within 3-5 business days.",
    "Sorry about the delay. I contacted the carrier and your parcel will be delivered tomorrow"
        + " before noon.",
    "您好，非常抱歉给您带来不便。请您在设置中清除缓存后再试一次，如果问题仍然存在，我们为您安排免费检测。",
    "I have booked a repair pickup for you; the courier will bring a box and a prepaid label.",
    "Thanks for the details. Our technician will call you today between 2 and 4 pm to reschedule."
  };

  private static final String[] NOTES = {
    "Checked the billing system: duplicate charge confirmed, refund ticket raised.",
    "Customer is VIP, keep them updated daily.",
    "已联系仓库，预计明天补发。",
    "Known issue with firmware 4.2, engineering ticket linked."
  };

  private final Connection connection;
  private final Consumer<String> out;

  CaseSeeder(Connection connection, Consumer<String> out) {
    this.connection = connection;
    this.out = out;
  }

  /** What was seeded, for the report. */
  record Seeded(long cases, long messages, long millis) {}

  Seeded seed(BenchAgents.DemoBrands brands, List<BenchAgents.Agent> agents, long count, int batch)
      throws SQLException {
    long started = System.nanoTime();
    connection.setAutoCommit(true);
    checkColumns("conversations_case", CASE_COLUMNS);
    checkColumns("conversations_message", MESSAGE_COLUMNS);
    createParameters(brands, agents);
    // Bulk-load practice: secondary indexes are dropped and built again afterwards (same
    // definitions, read from the catalog), and the messages' foreign key trigger is skipped for
    // this session (the rows are generated from the cases, so they reference existing cases).
    List<String> indexes = new ArrayList<>();
    indexes.addAll(dropSecondaryIndexes("conversations_case"));
    indexes.addAll(dropSecondaryIndexes("conversations_message"));
    try (Statement s = connection.createStatement()) {
      s.execute("set session_replication_role = replica");
    }
    for (long from = 1; from <= count; from += batch) {
      long to = Math.min(count, from + batch - 1);
      long t0 = System.nanoTime();
      long cases = insertCases(from, to);
      long messages = insertMessages(from, to);
      out.accept(
          String.format(
              "  seeded cases %,d..%,d: %,d cases, %,d messages in %,d ms",
              from, to, cases, messages, (System.nanoTime() - t0) / 1_000_000));
    }
    try (Statement s = connection.createStatement()) {
      s.execute("set session_replication_role = origin");
      long t0 = System.nanoTime();
      for (String definition : indexes) {
        s.execute(definition);
      }
      out.accept(
          String.format(
              "  %d secondary indexes built again in %,d ms",
              indexes.size(), (System.nanoTime() - t0) / 1_000_000));
    }
    long[] totals = finish();
    return new Seeded(totals[0], totals[1], (System.nanoTime() - started) / 1_000_000);
  }

  /** Drops the indexes of a table that back no constraint; returns their definitions. */
  private List<String> dropSecondaryIndexes(String table) throws SQLException {
    List<String[]> found = new ArrayList<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)"
                + " from pg_index i join pg_class t on t.oid = i.indrelid"
                + " where t.relname = ? and t.relnamespace = current_schema()::regnamespace"
                + " and not exists (select 1 from pg_constraint c where c.conindid ="
                + " i.indexrelid)")) {
      s.setString(1, table);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          found.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
    }
    List<String> definitions = new ArrayList<>();
    try (Statement s = connection.createStatement()) {
      for (String[] index : found) {
        s.execute("drop index " + index[0]);
        definitions.add(index[1]);
      }
    }
    return definitions;
  }

  /** Refuses to seed when a later migration added a NOT NULL column without a default. */
  private void checkColumns(String table, List<String> written) throws SQLException {
    List<String> missing = new ArrayList<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "select column_name, is_nullable, column_default from information_schema.columns"
                + " where table_schema = current_schema() and table_name = ?")) {
      s.setString(1, table);
      List<String> present = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String column = rs.getString(1);
          present.add(column);
          if ("NO".equals(rs.getString(2))
              && rs.getString(3) == null
              && !written.contains(column)) {
            missing.add(column);
          }
        }
      }
      for (String column : written) {
        if (!present.contains(column)) {
          throw new IllegalStateException(
              "The seeder writes " + table + "." + column + ", which no longer exists");
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "The seeder must also fill these NOT NULL columns of " + table + ": " + missing);
    }
  }

  private void createParameters(BenchAgents.DemoBrands brands, List<BenchAgents.Agent> agents)
      throws SQLException {
    long mobileId = brands.mobile().id().value();
    long homeId = brands.home().id().value();
    List<Long> customers = longs("select id from customers_customer order by id");
    if (customers.isEmpty()) {
      throw new IllegalStateException("No demo customers found");
    }
    List<Long> mobileChannels = new ArrayList<>();
    List<String> mobileTypes = new ArrayList<>();
    List<Long> homeChannels = new ArrayList<>();
    List<String> homeTypes = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery("select id, brand_id, type from channels_account order by id")) {
      while (rs.next()) {
        if (rs.getLong(2) == mobileId) {
          mobileChannels.add(rs.getLong(1));
          mobileTypes.add(rs.getString(3));
        } else if (rs.getLong(2) == homeId) {
          homeChannels.add(rs.getLong(1));
          homeTypes.add(rs.getString(3));
        }
      }
    }
    if (mobileChannels.isEmpty() || homeChannels.isEmpty()) {
      throw new IllegalStateException("Demo channel accounts missing");
    }
    List<Long> mobileAgents = agents.stream().map(BenchAgents.Agent::userId).toList();
    List<Long> homeAgents =
        agents.stream().filter(BenchAgents.Agent::worksHome).map(a -> a.userId()).toList();
    try (Statement s = connection.createStatement()) {
      s.execute("drop table if exists bench_seed");
    }
    try (PreparedStatement s =
        connection.prepareStatement(
            "create temp table bench_seed as select ?::bigint as mobile_id, ?::bigint as home_id,"
                + " ?::text as mobile_prefix, ?::text as home_prefix,"
                + " ?::bigint as mobile_start, ?::bigint as home_start,"
                + " ?::bigint[] as mobile_agents, ?::bigint[] as home_agents,"
                + " ?::bigint[] as customers,"
                + " ?::bigint[] as mobile_channels, ?::text[] as mobile_channel_types,"
                + " ?::bigint[] as home_channels, ?::text[] as home_channel_types,"
                + " ?::text[] as subjects, ?::text[] as inbound, ?::text[] as outbound,"
                + " ?::text[] as notes, ?::timestamptz as seeded_at")) {
      int i = 1;
      s.setLong(i++, mobileId);
      s.setLong(i++, homeId);
      s.setString(i++, brands.mobile().casePrefix());
      s.setString(i++, brands.home().casePrefix());
      s.setLong(i++, nextNumber(mobileId));
      s.setLong(i++, nextNumber(homeId));
      s.setArray(i++, bigints(mobileAgents));
      s.setArray(i++, bigints(homeAgents));
      s.setArray(i++, bigints(customers));
      s.setArray(i++, bigints(mobileChannels));
      s.setArray(i++, texts(mobileTypes.toArray(String[]::new)));
      s.setArray(i++, bigints(homeChannels));
      s.setArray(i++, texts(homeTypes.toArray(String[]::new)));
      s.setArray(i++, texts(SUBJECTS));
      s.setArray(i++, texts(INBOUND));
      s.setArray(i++, texts(OUTBOUND));
      s.setArray(i++, texts(NOTES));
      s.setObject(i, OffsetDateTime.now(ZoneOffset.UTC));
      s.execute();
    }
  }

  /** The brand's next case number: after the demo cases, whatever the counter says. */
  private long nextNumber(long brandId) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "select greatest((select max(next_number) from conversations_case_counter"
                + " where brand_id = ?), (select max(number) + 1 from conversations_case"
                + " where brand_id = ?), 1001)")) {
      s.setLong(1, brandId);
      s.setLong(2, brandId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private long insertCases(long from, long to) throws SQLException {
    // Hashes of g spread every attribute deterministically; "& max bigint" keeps them positive.
    String sql =
        "insert into conversations_case (id, brand_id, number, reference, subject, status,"
            + " priority, customer_id, channel_account_id, channel_type, assignee_id, created_at,"
            + " updated_at, first_response_at, solved_at, version)"
            + " select id, brand_id, number, prefix || '-' || number, subject, status, priority,"
            + " customer_id, channel_id, channel_type, assignee_id, created_at, updated_at,"
            + " case when status <> 'NEW' then least(created_at + response_delay, updated_at)"
            + " end,"
            + " case when status in ('SOLVED', 'CLOSED') then updated_at end, 0"
            + " from (select r.id,"
            + "  case when r.home then p.home_id else p.mobile_id end as brand_id,"
            + "  case when r.home then p.home_prefix else p.mobile_prefix end as prefix,"
            + "  case when r.home then p.home_start + r.g / 3"
            + "   else p.mobile_start + r.g - (r.g + 2) / 3 end as number,"
            + "  p.subjects[1 + r.g % cardinality(p.subjects)] as subject,"
            + "  r.status,"
            + "  case when r.h2 < 10 then 'LOW' when r.h2 < 75 then 'NORMAL'"
            + "   when r.h2 < 93 then 'HIGH' else 'URGENT' end as priority,"
            + "  p.customers[1 + r.h3 % cardinality(p.customers)] as customer_id,"
            + "  case when r.home then p.home_channels[1 + r.h4 % cardinality(p.home_channels)]"
            + "   else p.mobile_channels[1 + r.h4 % cardinality(p.mobile_channels)] end"
            + "   as channel_id,"
            + "  case when r.home"
            + "   then p.home_channel_types[1 + r.h4 % cardinality(p.home_channels)]"
            + "   else p.mobile_channel_types[1 + r.h4 % cardinality(p.mobile_channels)] end"
            + "   as channel_type,"
            + "  case when r.status = 'NEW' then null"
            + "   when r.home then p.home_agents[1 + r.h5 % cardinality(p.home_agents)]"
            + "   else p.mobile_agents[1 + r.h5 % cardinality(p.mobile_agents)] end"
            + "   as assignee_id,"
            + "  p.seeded_at - (r.h6 % 7776000) * interval '1 second'"
            + "   - (r.h7 % 432000) * interval '1 second' as created_at,"
            + "  p.seeded_at - (r.h6 % 7776000) * interval '1 second' as updated_at,"
            + "  (300 + r.h8 % 14400) * interval '1 second' as response_delay"
            + " from (select g, ? + g as id, g % 3 = 0 as home,"
            + "   case when h1 < 10 then 'NEW' when h1 < 35 then 'OPEN'"
            + "    when h1 < 50 then 'PENDING_CUSTOMER' when h1 < 75 then 'SOLVED'"
            + "    else 'CLOSED' end as status,"
            + "   h2, h3, h4, h5, h6, h7, h8"
            + "  from (select g,"
            + "    (hashint8extended(g, 1) & 9223372036854775807) % 100 as h1,"
            + "    (hashint8extended(g, 2) & 9223372036854775807) % 100 as h2,"
            + "    hashint8extended(g, 3) & 9223372036854775807 as h3,"
            + "    hashint8extended(g, 4) & 9223372036854775807 as h4,"
            + "    hashint8extended(g, 5) & 9223372036854775807 as h5,"
            + "    hashint8extended(g, 6) & 9223372036854775807 as h6,"
            + "    hashint8extended(g, 7) & 9223372036854775807 as h7,"
            + "    hashint8extended(g, 8) & 9223372036854775807 as h8"
            + "   from generate_series(?::bigint, ?::bigint) g) h) r"
            + " cross join bench_seed p) s";
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      // g runs from 0 so that the per-brand numbering formulas start at the brand's next number.
      s.setLong(1, CASE_ID_BASE + 1);
      s.setLong(2, from - 1);
      s.setLong(3, to - 1);
      return s.executeUpdate();
    }
  }

  private long insertMessages(long from, long to) throws SQLException {
    String sql =
        "insert into conversations_message (id, case_id, kind, author_customer_id,"
            + " author_user_id, body, created_at)"
            + " select ? + (c.id - ?) * 3 + k, c.id,"
            + "  case when k = 0 or c.assignee_id is null then 'INBOUND'"
            + "   when k = 1 then 'OUTBOUND' else 'NOTE' end,"
            + "  case when k = 0 or c.assignee_id is null then c.customer_id end,"
            + "  case when k > 0 and c.assignee_id is not null then c.assignee_id end,"
            + "  case when k = 0 or c.assignee_id is null"
            + "   then p.inbound[1 + (c.id + k) % cardinality(p.inbound)]"
            + "   when k = 1 then p.outbound[1 + c.id % cardinality(p.outbound)]"
            + "   else p.notes[1 + c.id % cardinality(p.notes)] end,"
            + "  case when k = 0 then c.created_at"
            + "   when k = 1 then coalesce(c.first_response_at,"
            + "    c.created_at + (c.updated_at - c.created_at) / 2)"
            + "   else c.updated_at end"
            + " from conversations_case c cross join generate_series(0, 2) k"
            + " cross join bench_seed p"
            + " where c.id between ? and ? and (k < 2 or c.id % 2 = 0)";
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      s.setLong(1, MESSAGE_ID_BASE);
      s.setLong(2, CASE_ID_BASE);
      s.setLong(3, CASE_ID_BASE + from);
      s.setLong(4, CASE_ID_BASE + to);
      return s.executeUpdate();
    }
  }

  /** Counters and sequences past the seeded rows, statistics, a checkpoint; returns the totals. */
  private long[] finish() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(
          "insert into conversations_case_counter (brand_id, next_number)"
              + " select brand_id, max(number) + 1 from conversations_case group by brand_id"
              + " on conflict (brand_id) do update set next_number ="
              + " greatest(conversations_case_counter.next_number, excluded.next_number)");
      // Case numbers come from one sequence per brand once a brand has opened a case.
      s.execute(
          "select setval(('conversations_case_number_' || brand_id)::regclass, max(number))"
              + " from conversations_case c where exists (select 1 from"
              + " information_schema.sequences where sequence_name = 'conversations_case_number_'"
              + " || c.brand_id) group by brand_id");
      // The application allocates ids in blocks of 50 (Hibernate's pooled optimizer): move the
      // sequences well past the seeded ids so its next blocks never collide with them.
      s.execute(
          "select setval('conversations_case_seq',"
              + " (select max(id) from conversations_case) + 1000)");
      s.execute(
          "select setval('conversations_message_seq',"
              + " (select max(id) from conversations_message) + 1000)");
      s.execute("drop table if exists bench_seed");
      long t0 = System.nanoTime();
      s.execute("vacuum (analyze) conversations_case");
      s.execute("vacuum (analyze) conversations_message");
      s.execute("checkpoint");
      out.accept(
          String.format(
              "  vacuum analyze + checkpoint in %,d ms", (System.nanoTime() - t0) / 1_000_000));
    }
    return new long[] {
      longs("select count(*) from conversations_case").get(0),
      longs("select count(*) from conversations_message").get(0)
    };
  }

  private List<Long> longs(String sql) throws SQLException {
    List<Long> values = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getLong(1));
      }
    }
    return values;
  }

  private Array bigints(List<Long> values) throws SQLException {
    return connection.createArrayOf("bigint", values.toArray(Long[]::new));
  }

  private Array texts(String[] values) throws SQLException {
    return connection.createArrayOf("text", values);
  }
}
