package io.parley.shared;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's clock, injected where time decides behaviour (SLA clocks, sweeps) so tests can
 * move it deterministically instead of sleeping.
 */
@Configuration(proxyBeanMethods = false)
class Time {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
