package io.parley.customers.internal;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface CustomerRepository extends JpaRepository<Customer, Long> {

  /** What {@link #search} reads and matches, for its page and its count alike. */
  String SEARCH =
      """
      from Customer c
      left join c.emails e left join c.phones p left join c.socialIdentities s
      where c.mergedIntoId is null and (:stage is null or c.stage = :stage)
        and (lower(c.displayName) like lower(concat('%', :q, '%')) escape '\\'
         or c.nameKey like concat('%', :compact, '%') escape '\\'
         or c.namePinyin like concat('%', :compact, '%') escape '\\'
         or c.nameKey = :reversed or c.namePinyin = :reversed
         or lower(e.address) like lower(concat('%', :q, '%')) escape '\\'
         or p.number like concat('%', :q, '%') escape '\\'
         or p.e164 = :e164
         or lower(s.handle) like lower(concat('%', :q, '%')) escape '\\')
      """;

  /**
   * Matches name (also without spaces and case, {@code compact}, or in pinyin), email, phone or
   * social handle; a simple search until full-text arrives. {@code q} and {@code compact} are LIKE
   * patterns escaped with {@code \} ({@link io.parley.shared.SqlLike}); {@code reversed} is the
   * whole name key or pinyin key of a name written given name first ("Jun Wang" for 王军).
   */
  @Query(value = "select distinct c " + SEARCH, countQuery = "select count(distinct c) " + SEARCH)
  Page<Customer> search(
      @Param("q") String q,
      @Param("compact") String compact,
      @Param("reversed") String reversed,
      @Param("e164") String e164,
      @Param("stage") io.parley.customers.Stage stage,
      Pageable pageable);

  /** Customers not merged into another, optionally at one stage of the funnel. */
  @Query(
      """
      select c from Customer c
      where c.mergedIntoId is null and (:stage is null or c.stage = :stage)
      """)
  Page<Customer> listActive(@Param("stage") io.parley.customers.Stage stage, Pageable pageable);

  /** Customers (not merged away) with this number in E.164, longest-known first. */
  @Query(
      """
      select distinct c from Customer c join c.phones p
      where p.e164 = :e164 and c.mergedIntoId is null order by c.id
      """)
  java.util.List<Customer> findByPhone(@Param("e164") String e164);

  /** Customers (not merged away) with this lower-case email address, longest-known first. */
  @Query(
      """
      select distinct c from Customer c join c.emails e
      where e.address = :address and c.mergedIntoId is null order by c.id
      """)
  java.util.List<Customer> findAllByEmail(@Param("address") String address);

  java.util.Optional<Customer> findFirstByCrmRefAndMergedIntoIdIsNullOrderById(String crmRef);

  /**
   * Customers with this {@link CandidateScoring#nameKey} (the same name) first, then those whose
   * name reads the same in pinyin ({@link CandidateScoring#pinyinKey}): a Chinese name reading as
   * this Latin name or handle key, or a Latin name reading as this Chinese name's pinyin. Index
   * lookups; a null key matches nothing.
   */
  @Query(
      """
      select c from Customer c
      where c.mergedIntoId is null and c.id <> :self
        and (c.nameKey = :name or c.namePinyin in (:name, :handle) or c.nameKey = :pinyin)
      order by case when c.nameKey = :name then 0 else 1 end, c.id
      """)
  java.util.List<Customer> namesakes(
      @Param("self") Long self,
      @Param("name") String name,
      @Param("pinyin") String pinyin,
      @Param("handle") String handle,
      Pageable limit);

  /**
   * Customers whose name starts with the same three letters ({@link CandidateScoring#namePrefix})
   * but is not this one: an index lookup.
   */
  @Query(
      """
      select c from Customer c
      where c.mergedIntoId is null and c.id <> :self and c.namePrefix = :prefix
        and c.nameKey <> :name
      order by c.id
      """)
  java.util.List<Customer> sameFirstLetters(
      @Param("self") Long self,
      @Param("name") String name,
      @Param("prefix") String prefix,
      Pageable limit);

  /**
   * Customers with a handle alike on any network: the same {@link CandidateScoring#handleKey}, or a
   * handle that is this Chinese name's {@link CandidateScoring#pinyinKey}; an index lookup (a null
   * key matches nothing). Handles that differ in a letter ("zhangwei", "zhangweii") are not found
   * this way (a substring search found some of them by scanning every identity); the name lookup
   * may still bring their owners.
   */
  @Query(
      """
      select distinct c from Customer c join c.socialIdentities s
      where c.mergedIntoId is null and c.id <> :self and s.handleKey in (:key, :pinyin)
      order by c.id
      """)
  java.util.List<Customer> byHandle(
      @Param("self") Long self,
      @Param("key") String key,
      @Param("pinyin") String pinyin,
      Pageable limit);

  /** The longest-known customer with this (lower-case) email address. */
  @Query(
      "select c from Customer c join c.emails e where e.address = :address and c.mergedIntoId is null"
          + " order by c.id limit 1")
  java.util.Optional<Customer> findFirstByEmail(@Param("address") String address);
}
