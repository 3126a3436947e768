package io.parley.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The whole application on a random port against the test PostgreSQL, with demo data. All tests
 * share this one configuration so Spring starts it once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "parley.demo.enabled=true",
      "parley.identity.admin-password=" + ParleyTest.ADMIN_PASSWORD,
      "parley.identity.bcrypt-strength=4",
      "parley.search.index-dir=target/search-index/${random.uuid}",
      "parley.conversations.attachment-dir=target/attachments",
      // The networks' stubs (WireMock) serve their media on localhost.
      "parley.connectors.media.allow-private-addresses=true",
      "parley.channels.secret-key-file=target/secret.key",
      "parley.channels.scheduler-tick=200ms",
      "parley.channels.first-retry-delay=1s",
      // Tests add the ignored-post counts to their rows themselves (IgnoredPosts.flush).
      "parley.channels.ignored-flush=1h",
      // Captured cases are completed when their capture commits; tests that leave captured posts
      // behind on purpose (as a crash would) sweep them themselves (CapturedPosts.completeAll).
      "parley.channels.capture-sweep=1h",
      // SLA tests sweep themselves at the times they set (TestClock).
      "parley.entitlements.sweep-enabled=false"
    })
@AutoConfigureMockMvc
@org.springframework.context.annotation.Import(TestClock.Configuration.class)
public @interface ParleyTest {
  String ADMIN_PASSWORD = "test-admin-password";
  String DEMO_PASSWORD = "parley-demo-2026";
}
