package io.parley.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SupervisorBoardWaitTests {

  @Test
  void waitsReadInSecondsMinutesHoursAndFromADayOnInDays() {
    assertThat(SupervisorBoard.waited(null)).isEqualTo("–");
    assertThat(SupervisorBoard.waited(Duration.ofSeconds(42))).isEqualTo("42s");
    assertThat(SupervisorBoard.waited(Duration.ofSeconds(185))).isEqualTo("3m 5s");
    assertThat(SupervisorBoard.waited(Duration.ofMinutes(130))).isEqualTo("2h 10m");
    assertThat(SupervisorBoard.waited(Duration.ofHours(23).plusMinutes(59))).isEqualTo("23h 59m");
    assertThat(SupervisorBoard.waited(Duration.ofHours(24))).isEqualTo("1d 0h");
    assertThat(SupervisorBoard.waited(Duration.ofHours(681).plusMinutes(14))).isEqualTo("28d 9h");
  }
}
