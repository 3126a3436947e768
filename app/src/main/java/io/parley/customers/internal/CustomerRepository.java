package io.parley.customers.internal;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface CustomerRepository extends JpaRepository<Customer, Long> {

  /** Matches name, email, phone or social handle; a simple search until full-text arrives. */
  @Query(
      value =
          """
          select distinct c from Customer c
          left join c.emails e left join c.phones p left join c.socialIdentities s
          where lower(c.displayName) like lower(concat('%', :q, '%'))
             or lower(e.address) like lower(concat('%', :q, '%'))
             or p.number like concat('%', :q, '%')
             or lower(s.handle) like lower(concat('%', :q, '%'))
          """,
      countQuery =
          """
          select count(distinct c) from Customer c
          left join c.emails e left join c.phones p left join c.socialIdentities s
          where lower(c.displayName) like lower(concat('%', :q, '%'))
             or lower(e.address) like lower(concat('%', :q, '%'))
             or p.number like concat('%', :q, '%')
             or lower(s.handle) like lower(concat('%', :q, '%'))
          """)
  Page<Customer> search(@Param("q") String q, Pageable pageable);

  /** The longest-known customer with this (lower-case) email address. */
  @Query(
      "select c from Customer c join c.emails e where e.address = :address order by c.id limit 1")
  java.util.Optional<Customer> findFirstByEmail(@Param("address") String address);
}
