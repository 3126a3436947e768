package io.parley.compliance.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.parley.compliance.AuditRecord;
import io.parley.compliance.AuditTrail;
import io.parley.compliance.internal.TextScan.Action;
import io.parley.compliance.internal.TextScan.Match;
import io.parley.compliance.internal.TextScan.Term;
import io.parley.identity.BrandId;
import io.parley.identity.UserId;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each brand's sensitive words (Chinese and English) with what to do on a match: block the message,
 * replace the word, or hold the message for a supervisor's approval. Lists are imported one word a
 * line, or as CSV {@code word,action[,replacement]}. Every change is audited. Kept in memory per
 * brand for a few seconds (other nodes see a change within that time).
 */
@Component
public class Lexicons {

  private final JdbcTemplate jdbc;
  private final AuditTrail audit;
  private final JsonMapper json;
  private final Cache<Long, List<Term>> cache =
      Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(5)).maximumSize(1000).build();

  Lexicons(JdbcTemplate jdbc, AuditTrail audit, JsonMapper json) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.json = json;
  }

  /** A stored term. */
  public record Entry(long id, long brandId, String term, Action action, String replacement) {}

  public List<Entry> of(BrandId brand) {
    return jdbc.query(
        "select id, brand_id, term, action, replacement from compliance_lexicon_term"
            + " where brand_id = ? order by term",
        (rs, i) ->
            new Entry(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                Action.valueOf(rs.getString(4)),
                rs.getString(5)),
        brand.value());
  }

  public List<Match> scan(BrandId brand, String text) {
    if (brand == null || text == null) {
      return List.of();
    }
    return TextScan.scan(text, terms(brand));
  }

  private List<Term> terms(BrandId brand) {
    return cache.get(
        brand.value(),
        id ->
            jdbc.query(
                "select term, folded, action, replacement from compliance_lexicon_term"
                    + " where brand_id = ?",
                (rs, i) ->
                    new Term(
                        rs.getString(1),
                        rs.getString(2),
                        Action.valueOf(rs.getString(3)),
                        rs.getString(4)),
                id));
  }

  /** Adds or changes one term; false when the term is empty or too long. */
  @Transactional
  public boolean put(BrandId brand, String term, Action action, String replacement, UserId by) {
    String clean = term == null ? "" : term.strip();
    String folded = TextScan.fold(clean);
    if (clean.isEmpty()
        || clean.length() > 200
        || (replacement != null && replacement.length() > 200)) {
      return false;
    }
    String replace = replacement == null || replacement.isBlank() ? null : replacement.strip();
    List<Entry> existing =
        jdbc.query(
            "select id, brand_id, term, action, replacement from compliance_lexicon_term"
                + " where brand_id = ? and folded = ?",
            (rs, i) ->
                new Entry(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getString(3),
                    Action.valueOf(rs.getString(4)),
                    rs.getString(5)),
            brand.value(),
            folded);
    if (existing.isEmpty()) {
      try {
        jdbc.update(
            "insert into compliance_lexicon_term"
                + " (brand_id, term, folded, action, replacement, created_at, created_by)"
                + " values (?, ?, ?, ?, ?, ?, ?)",
            brand.value(),
            clean,
            folded,
            action.name(),
            replace,
            Timestamp.from(Instant.now()),
            by == null ? null : by.value());
      } catch (DuplicateKeyException raced) {
        return put(brand, term, action, replacement, by);
      }
    } else {
      jdbc.update(
          "update compliance_lexicon_term set action = ?, replacement = ? where id = ?",
          action.name(),
          replace,
          existing.get(0).id());
    }
    audit.record(
        AuditRecord.of("lexicon.term.put", "lexicon", brand.value())
            .brand(brand)
            .change(
                existing.isEmpty() ? null : describe(existing.get(0)),
                describe(new Entry(0, brand.value(), clean, action, replace))));
    cache.invalidate(brand.value());
    return true;
  }

  @Transactional
  public void remove(BrandId brand, long id) {
    List<Entry> existing = of(brand).stream().filter(e -> e.id() == id).toList();
    if (existing.isEmpty()) {
      return;
    }
    jdbc.update(
        "delete from compliance_lexicon_term where id = ? and brand_id = ?", id, brand.value());
    audit.record(
        AuditRecord.of("lexicon.term.removed", "lexicon", brand.value())
            .brand(brand)
            .change(describe(existing.get(0)), null));
    cache.invalidate(brand.value());
  }

  /**
   * Imports a list: one term a line, or CSV lines {@code term,action[,replacement]} where action is
   * block, replace or approve (also 屏蔽, 替换, 审批). Blank lines and lines starting with # are skipped.
   * Returns the terms imported and the line numbers refused.
   */
  @Transactional
  public ImportResult importList(BrandId brand, String text, Action defaultAction, UserId by) {
    int imported = 0;
    List<Integer> refused = new ArrayList<>();
    String[] lines = text == null ? new String[0] : text.split("\\R");
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] cells = line.split("\\s*[,，\\t]\\s*", 3);
      Action action = defaultAction;
      if (cells.length > 1) {
        action = parseAction(cells[1]);
        if (action == null) {
          if (n == 0) {
            continue; // a header line such as "word,action"
          }
          refused.add(n + 1);
          continue;
        }
      }
      if (put(brand, unquote(cells[0]), action, cells.length > 2 ? unquote(cells[2]) : null, by)) {
        imported++;
      } else {
        refused.add(n + 1);
      }
    }
    return new ImportResult(imported, refused);
  }

  public record ImportResult(int imported, List<Integer> refusedLines) {}

  static Action parseAction(String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "block", "屏蔽", "禁止" -> Action.BLOCK;
      case "replace", "替换" -> Action.REPLACE;
      case "approve", "approval", "review", "审批", "审核" -> Action.APPROVE;
      default -> null;
    };
  }

  private static String unquote(String cell) {
    String c = cell.strip();
    return c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")
        ? c.substring(1, c.length() - 1).replace("\"\"", "\"")
        : c;
  }

  private String describe(Entry entry) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("term", entry.term());
    map.put("action", entry.action().name());
    map.put("replacement", entry.replacement());
    return json.writeValueAsString(map);
  }
}
