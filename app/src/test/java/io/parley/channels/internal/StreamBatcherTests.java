package io.parley.channels.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.channels.InboundMessage;
import io.parley.support.ListenedPosts;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StreamBatcherTests {

  private static InboundMessage message(int i) {
    return ListenedPosts.post("m-" + i, null, "post " + i);
  }

  private static List<String> ids(List<List<InboundMessage>> bursts) {
    return bursts.stream().flatMap(List::stream).map(InboundMessage::externalId).toList();
  }

  @Test
  void aBusyStreamIsHandedOverInFullBurstsInOrderAndClosingHandsOverTheRest() {
    List<List<InboundMessage>> bursts = new CopyOnWriteArrayList<>();
    List<RuntimeException> failures = new CopyOnWriteArrayList<>();
    // A linger far longer than the test: only a full burst or closing hands messages over.
    StreamBatcher batcher =
        new StreamBatcher("test-bursts", 100, Duration.ofHours(1), bursts::add, failures::add);
    for (int i = 0; i < 250; i++) {
      batcher.accept(message(i));
    }
    batcher.close();

    assertThat(bursts).extracting(List::size).containsExactly(100, 100, 50);
    assertThat(ids(bursts))
        .containsExactlyElementsOf(IntStream.range(0, 250).mapToObj(i -> "m-" + i).toList());
    assertThat(failures).isEmpty();
  }

  @Test
  void aLoneMessageIsHandedOverAfterTheLingerWithoutWaitingForMore() throws Exception {
    List<List<InboundMessage>> bursts = new CopyOnWriteArrayList<>();
    try (StreamBatcher batcher =
        new StreamBatcher("test-bursts", 100, Duration.ofMillis(50), bursts::add, e -> {})) {
      batcher.accept(message(1));
      for (int wait = 0; wait < 500 && bursts.isEmpty(); wait++) {
        Thread.sleep(20);
      }
      assertThat(bursts).as("handed over while the stream stays open").hasSize(1);
      assertThat(ids(bursts)).containsExactly("m-1");
    }
  }

  @Test
  void aBurstThatFailsIsRetriedAndOneThatKeepsFailingIsReportedWithoutStoppingTheStream() {
    AtomicInteger calls = new AtomicInteger();
    List<List<InboundMessage>> handed = new CopyOnWriteArrayList<>();
    List<RuntimeException> failures = new CopyOnWriteArrayList<>();
    StreamBatcher batcher =
        new StreamBatcher(
            "test-bursts",
            1,
            Duration.ZERO,
            burst -> {
              int call = calls.incrementAndGet();
              String id = burst.get(0).externalId();
              if (id.equals("m-1") && call == 1) {
                throw new IllegalStateException("database away for a moment");
              }
              if (id.equals("m-2")) {
                throw new IllegalStateException("database gone");
              }
              handed.add(burst);
            },
            failures::add);
    batcher.accept(message(1));
    batcher.accept(message(2));
    batcher.accept(message(3));
    batcher.close();

    assertThat(ids(handed)).containsExactly("m-1", "m-3");
    assertThat(failures)
        .singleElement()
        .extracting(Throwable::getMessage)
        .isEqualTo("database gone");
    assertThat(calls.get()).as("m-1 twice, m-2 three times, m-3 once").isEqualTo(6);
  }
}
