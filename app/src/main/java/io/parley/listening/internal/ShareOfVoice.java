package io.parley.listening.internal;

import io.parley.identity.CurrentUser;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Share of voice: mentions of each brand and competitor (tags {@code brand:…}, {@code
 * competitor:…}) per day, by sentiment.
 */
@Component
class ShareOfVoice {

  /** Counts per subject (e.g. "brand:acme"): per day, and per sentiment over the period. */
  record Report(
      List<LocalDate> days,
      Map<String, List<Long>> perDay,
      Map<String, Map<String, Long>> bySentiment,
      Map<String, Double> share) {}

  private final JdbcTemplate jdbc;

  ShareOfVoice(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional(readOnly = true)
  Report lastDays(CurrentUser viewer, int days) {
    int span = Math.max(1, Math.min(days, 366));
    LocalDate to = LocalDate.now(java.time.ZoneOffset.UTC);
    LocalDate from = to.minusDays(span - 1L);
    StringBuilder sql =
        new StringBuilder(
            "select mention_day, subject, sentiment, count(*) as n from listening_voice where"
                + " mention_day >= ?");
    List<Object> args = new ArrayList<>();
    args.add(Date.valueOf(from));
    if (!viewer.seesAllBrands()) {
      if (viewer.brands().isEmpty()) {
        sql.append(" and 1=0");
      } else {
        sql.append(" and brand_id in (")
            .append(String.join(",", viewer.brands().stream().map(b -> "?").toList()))
            .append(")");
        viewer.brands().forEach(b -> args.add(b.value()));
      }
    }
    sql.append(" group by mention_day, subject, sentiment");
    List<LocalDate> dayList = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      dayList.add(d);
    }
    Map<String, long[]> perDay = new TreeMap<>();
    Map<String, Map<String, Long>> bySentiment = new TreeMap<>();
    jdbc.query(
        sql.toString(),
        rs -> {
          LocalDate day = rs.getDate("mention_day").toLocalDate();
          String subject = rs.getString("subject");
          String sentiment = rs.getString("sentiment");
          long n = rs.getLong("n");
          int index = (int) java.time.temporal.ChronoUnit.DAYS.between(from, day);
          if (index >= 0 && index < dayList.size()) {
            perDay.computeIfAbsent(subject, s -> new long[dayList.size()])[index] += n;
          }
          bySentiment
              .computeIfAbsent(subject, s -> new LinkedHashMap<>(sentiments()))
              .merge(sentiment, n, Long::sum);
        },
        args.toArray());
    long total = perDay.values().stream().flatMapToLong(java.util.Arrays::stream).sum();
    Map<String, List<Long>> series = new LinkedHashMap<>();
    Map<String, Double> share = new LinkedHashMap<>();
    perDay.forEach(
        (subject, counts) -> {
          series.put(subject, java.util.Arrays.stream(counts).boxed().toList());
          long sum = java.util.Arrays.stream(counts).sum();
          share.put(subject, total == 0 ? 0 : Math.round(1000.0 * sum / total) / 10.0);
        });
    return new Report(dayList, series, bySentiment, share);
  }

  private static Map<String, Long> sentiments() {
    Map<String, Long> zero = new LinkedHashMap<>();
    zero.put("POSITIVE", 0L);
    zero.put("NEUTRAL", 0L);
    zero.put("NEGATIVE", 0L);
    return zero;
  }
}
