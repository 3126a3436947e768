package io.parley.customers.internal;

import io.parley.customers.PhoneNumbers;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Phone numbers stored before numbers were kept in E.164 get their E.164 form at start (a SQL
 * migration cannot parse phone numbers); numbers that cannot be read stay without one.
 */
@Component
class PhoneIndexBackfill implements ApplicationRunner {

  private final JdbcTemplate jdbc;

  PhoneIndexBackfill(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void run(ApplicationArguments args) {
    var rows =
        jdbc.queryForList(
            "select customer_id, position, number from customers_phone where e164 is null");
    for (var row : rows) {
      PhoneNumbers.e164((String) row.get("number"))
          .ifPresent(
              e164 ->
                  jdbc.update(
                      "update customers_phone set e164 = ? where customer_id = ? and position = ?",
                      e164,
                      row.get("customer_id"),
                      row.get("position")));
    }
  }
}
