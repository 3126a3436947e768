package io.parley.customers;

import io.parley.customers.internal.Customer;
import io.parley.customers.internal.CustomerRepository;
import io.parley.shared.AfterCommit;
import io.parley.shared.Coalesced;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares new contacts with the customers they may be, after the contact's transaction commits.
 * Scoring namesakes loads up to a hundred customers with their contact points; done inside the
 * intake it made every first message of a new sender slow and held the intake's locks meanwhile.
 * The clues wait in {@code customers_candidate_check} (written with the contact, so none is lost on
 * a crash), a worker takes them in batches right after the commit (woken) and every few seconds (a
 * sweep for anything left, for instance by a restart), several nodes never taking the same row.
 */
@Component
class CandidateChecks {

  private static final Logger log = LoggerFactory.getLogger(CandidateChecks.class);
  private static final int BATCH = 50;
  private static final int MAX_ATTEMPTS = 5;

  /** What a contact told us that can point at another customer. */
  record Clues(
      String network,
      String handle,
      String displayName,
      String email,
      String phone,
      String location,
      String orders) {}

  private final JdbcTemplate jdbc;
  private final CustomerRepository customers;
  private final IdentityResolution resolution;
  private final TransactionTemplate transaction;
  private final TransactionTemplate perCheck;
  private final JsonMapper json;
  private final Coalesced worker =
      new Coalesced(
          "candidate-checks",
          Duration.ZERO,
          this::drain,
          log,
          "Candidate checks failed; the sweep tries again");

  CandidateChecks(
      JdbcTemplate jdbc,
      CustomerRepository customers,
      IdentityResolution resolution,
      PlatformTransactionManager transactions,
      JsonMapper json) {
    this.jdbc = jdbc;
    this.customers = customers;
    this.resolution = resolution;
    this.transaction = new TransactionTemplate(transactions);
    // One check that fails rolls back alone; the batch's row locks stay with the outer one.
    this.perCheck = new TransactionTemplate(transactions);
    this.perCheck.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    this.json = json;
  }

  /** Queues a new contact's comparison; runs once the current transaction commits. */
  void enqueue(long customerId, Contact contact) {
    var orders =
        io.parley.customers.internal.CandidateScoring.orderNumbersIn(contact.text()).stream()
            .sorted()
            .toList();
    Clues clues =
        new Clues(
            contact.network(),
            cut(contact.handle(), 300),
            cut(contact.displayName(), 300),
            cut(contact.email(), 300),
            cut(contact.phone(), 50),
            cut(contact.location(), 300),
            cut(String.join(" ", orders), 1000));
    jdbc.update(
        "insert into customers_candidate_check (customer_id, clues, created_at) values (?, ?, ?)",
        customerId,
        json.writeValueAsString(clues),
        Timestamp.from(Instant.now()));
    AfterCommit.run(this::wake);
  }

  /**
   * Stops taking work when the application stops (before the database connections close); what is
   * left waits in the table.
   */
  @jakarta.annotation.PreDestroy
  void stop() {
    // The batch under way finishes while the database is still there (the drain then stops).
    worker.stop(Duration.ofSeconds(10));
  }

  /** Runs the worker soon, once however many commits wake it meanwhile. */
  void wake() {
    worker.wake();
  }

  @Scheduled(fixedDelayString = "${parley.customers.candidate-sweep:5s}")
  void sweep() {
    wake();
  }

  /** Works off waiting checks until none is left; returns how many were done. */
  int drain() {
    int done = 0;
    while (!worker.stopping()) {
      Integer batch;
      try {
        batch = transaction.execute(status -> runBatch());
      } catch (RuntimeException e) {
        log.warn("Candidate checks failed; the sweep tries again", e);
        return done;
      }
      if (batch == null || batch == 0) {
        return done;
      }
      done += batch;
    }
    return done;
  }

  private int runBatch() {
    List<Object[]> rows =
        jdbc.query(
            "select id, customer_id, clues, attempts from customers_candidate_check order by id"
                + " limit "
                + BATCH
                + " for update skip locked",
            (rs, i) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4)});
    for (Object[] row : rows) {
      long id = (Long) row[0];
      long customerId = (Long) row[1];
      int attempts = (Integer) row[3];
      try {
        perCheck.executeWithoutResult(
            nested -> {
              Customer customer = customers.findById(customerId).orElse(null);
              if (customer != null && customer.getMergedIntoId() == null) {
                Clues clues = json.readValue((String) row[2], Clues.class);
                resolution.offerCandidates(
                    customer,
                    new Contact(
                        clues.network(),
                        null,
                        clues.handle(),
                        clues.displayName(),
                        clues.email(),
                        null,
                        null,
                        null,
                        Instant.now(),
                        clues.phone(),
                        null,
                        clues.location(),
                        clues.orders()),
                    false);
              }
            });
        jdbc.update("delete from customers_candidate_check where id = ?", id);
      } catch (RuntimeException e) {
        if (attempts + 1 >= MAX_ATTEMPTS) {
          log.error("Giving up comparing customer {} with others", customerId, e);
          jdbc.update("delete from customers_candidate_check where id = ?", id);
        } else {
          log.warn("Comparing customer {} with others failed; tried again later", customerId, e);
          jdbc.update(
              "update customers_candidate_check set attempts = attempts + 1 where id = ?", id);
        }
      }
    }
    return rows.size();
  }

  /** Forgets the clues of an erased customer. */
  void erase(long customerId) {
    jdbc.update("delete from customers_candidate_check where customer_id = ?", customerId);
  }

  private static String cut(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
