package io.parley.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The application's clock in tests: the system clock until a test sets a time, then frozen there
 * and moved only by the test ({@link #advance}), so time-driven behaviour (SLA clocks, sweeps) is
 * tested without sleeping. Tests that set it call {@link #release()} when done.
 */
public class TestClock extends Clock {

  private volatile Instant frozen;

  public void set(Instant at) {
    frozen = at;
  }

  public void advance(Duration by) {
    Instant base = frozen == null ? Instant.now() : frozen;
    frozen = base.plus(by);
  }

  /** Back to the system clock. */
  public void release() {
    frozen = null;
  }

  @Override
  public Instant instant() {
    Instant at = frozen;
    return at == null ? Instant.now() : at;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.fixed(instant(), zone);
  }

  /** Replaces the application's clock in every {@link ParleyTest} context. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class Configuration {
    @Bean
    @Primary
    TestClock testClock() {
      return new TestClock();
    }
  }
}
