package io.parley.support;

import static org.awaitility.Awaitility.await;

import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import java.time.Duration;

/**
 * Waits until routing has put a new case in its brand's queue, so a test that then edits the case
 * with a version it read is not racing the router.
 */
public final class Routed {

  private Routed() {}

  public static CaseView settled(Cases cases, CaseView opened) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> cases.find(opened.id()).orElseThrow().queueId() != null);
    return cases.find(opened.id()).orElseThrow();
  }
}
