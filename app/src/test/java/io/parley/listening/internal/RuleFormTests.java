package io.parley.listening.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The listening rule form speaks the admin's language, down to its lists. */
@ParleyTest
class RuleFormTests {

  @LocalServerPort int port;

  @Test
  void thePriorityOfNewCasesIsOfferedInWordsNotCodes() {
    var admin = new WebClient(port).language("zh-CN");
    admin.login("admin", ParleyTest.ADMIN_PASSWORD);

    String form = admin.get("/admin/listening?lang=zh-CN").body();

    assertThat(form)
        .contains("<option value=\"\">默认（普通）</option>")
        .contains("<option value=\"URGENT\">紧急</option>")
        .doesNotContain(">URGENT</option>");
  }
}
