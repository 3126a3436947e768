package io.parley.conversations.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands out case numbers, one database sequence per brand ({@code
 * conversations_case_number_<brand>}). A sequence is not transactional: taking a number locks
 * nothing, so case openings of one brand no longer queue behind each other's commits (they did with
 * the row-locked counter of the first version, which held the brand's lock until the opening
 * transaction committed). The price is that a number taken by an opening that rolls back is not
 * reused: numbers are unique and increasing, not gapless (as in Zammad, Jira and most ticket
 * systems; nothing reads meaning into a gap).
 *
 * <p>A brand's sequence is created on its first case, starting at the next number of the row-locked
 * counter table of the first version ({@code conversations_case_counter}, no longer written) or
 * after the brand's highest case number, so an upgrade continues where the counter stood.
 */
@Component
class CaseNumbers {

  /** A brand's first case number. */
  static final long FIRST_NUMBER = 1001;

  private static final Logger log = LoggerFactory.getLogger(CaseNumbers.class);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate newTransaction;
  private final Set<Long> ready = ConcurrentHashMap.newKeySet();

  CaseNumbers(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(Propagation.REQUIRES_NEW.value());
  }

  /** The sequence of a brand's case numbers. */
  static String sequenceOf(long brandId) {
    return "conversations_case_number_" + brandId;
  }

  /** {@code count} new numbers of a brand's cases, ascending, taken in one round trip. */
  long[] next(long brandId, int count) {
    String sequence = sequenceOf(brandId);
    if (!ready.contains(brandId)) {
      if (!exists(sequence)) {
        create(brandId, sequence);
      }
      ready.add(brandId);
    }
    List<Long> numbers =
        jdbc.queryForList(
            "select nextval('" + sequence + "') from generate_series(1, ?)", Long.class, count);
    if (numbers.size() != count || numbers.contains(null)) {
      throw new IllegalStateException(
          "Sequence " + sequence + " gave " + numbers + " for " + count + " numbers");
    }
    return numbers.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  /**
   * New numbers for cases of these brands (one entry per case, a brand named as often as it opens
   * cases): per brand, its numbers ascending, taken in one round trip each.
   */
  java.util.Map<Long, java.util.PrimitiveIterator.OfLong> nextPerBrand(List<Long> brandIds) {
    java.util.Map<Long, Integer> wanted = new java.util.LinkedHashMap<>();
    brandIds.forEach(brand -> wanted.merge(brand, 1, Integer::sum));
    java.util.Map<Long, java.util.PrimitiveIterator.OfLong> numbersByBrand =
        new java.util.HashMap<>();
    wanted.forEach(
        (brand, count) ->
            numbersByBrand.put(brand, java.util.Arrays.stream(next(brand, count)).iterator()));
    return numbersByBrand;
  }

  /** Forgets which sequences exist (after they were dropped or recreated outside Parley). */
  void forget() {
    ready.clear();
  }

  private boolean exists(String sequence) {
    Integer count =
        jdbc.queryForObject(
            "select count(*) from information_schema.sequences where sequence_name = ?",
            Integer.class,
            sequence);
    return count != null && count > 0;
  }

  /**
   * Creates the sequence in its own short transaction (once per brand): DDL inside the opening's
   * transaction would hold a catalog lock until it commits.
   */
  private void create(long brandId, String sequence) {
    try {
      newTransaction.executeWithoutResult(
          status -> {
            Long start =
                jdbc.queryForObject(
                    "select greatest(coalesce((select max(next_number) from"
                        + " conversations_case_counter where brand_id = ?), ?), coalesce((select"
                        + " max(number) from conversations_case where brand_id = ?), 0) + 1)",
                    Long.class,
                    brandId,
                    FIRST_NUMBER,
                    brandId);
            jdbc.execute("create sequence if not exists " + sequence + " start with " + start);
          });
    } catch (DataAccessException raced) {
      // Another node or thread created it at the same moment; it exists now.
      log.debug("Creating {} raced: {}", sequence, raced.getMessage());
      if (!exists(sequence)) {
        throw raced;
      }
    }
  }
}
