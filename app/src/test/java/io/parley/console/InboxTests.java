package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The inbox: what needs the signed-in agent's attention now. */
@ParleyTest
class InboxTests {

  @LocalServerPort int port;

  @Test
  void myCasesNameMeAsTheirAssignee() {
    var agent = new WebClient(port);
    agent.login("li.na", ParleyTest.DEMO_PASSWORD);

    String page = agent.get("/").body();

    String mine = page.substring(page.indexOf(">My cases</h2>"), page.indexOf(">Unassigned</h2>"));
    assertThat(mine)
        .contains("href=\"/cases/")
        .contains("<td>李娜</td>")
        .doesNotContain("<td>Unassigned</td>");
  }
}
