package io.parley.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TextLimitTests {

  @Test
  void xCountsLatinOnceAndCjkTwice() {
    assertThat(TextLimit.x().length("hello")).isEqualTo(5);
    assertThat(TextLimit.x().length("蓝牙无法连接")).isEqualTo(12);
    assertThat(TextLimit.x().fits("蓝".repeat(140))).isTrue();
    assertThat(TextLimit.x().fits("蓝".repeat(141))).isFalse();
  }

  @Test
  void xCountsEveryLinkAs23() {
    assertThat(TextLimit.x().length("see https://example.com/a/very/long/path?q=1.")).isEqualTo(28);
    assertThat(TextLimit.x().length("http://a.b")).isEqualTo(23);
  }

  @Test
  void xCountsAnEmojiSequenceAsTwo() {
    assertThat(TextLimit.x().length("👍")).isEqualTo(2);
    assertThat(TextLimit.x().length("👍🏽")).isEqualTo(2);
    assertThat(TextLimit.x().length("👨‍👩‍👧")).isEqualTo(2);
    assertThat(TextLimit.x().length("🇨🇳🇺🇸")).isEqualTo(4);
  }

  @Test
  void weiboCountsHalfWidthAsHalf() {
    assertThat(TextLimit.weibo(140).length("abc")).isEqualTo(2);
    assertThat(TextLimit.weibo(140).length("无法连接")).isEqualTo(4);
  }

  @Test
  void mastodonCountsCodePointsAndLinksAs23() {
    assertThat(TextLimit.mastodon(500).length("蓝牙 https://example.com/" + "x".repeat(80)))
        .isEqualTo(26);
  }

  @Test
  void telegramCountsUtf16Units() {
    assertThat(TextLimit.utf16(4096).length("a👍")).isEqualTo(3);
  }

  @Test
  void tooLongRepliesAreRefusedNotCut() {
    ReplyRules rules =
        new ReplyRules(true, true, TextLimit.x(), TextLimit.codePoints(10), null, null);
    var problem = rules.check(false, "12345678901", null, Instant.now());
    assertThat(problem).hasValueSatisfying(p -> assertThat(p.key()).isEqualTo("reply.tooLong"));
    assertThat(problem.get().args()).containsExactly(11, 10);
    assertThat(rules.check(true, "12345678901", null, Instant.now())).isEmpty();
  }

  @Test
  void privateMessagesAfterTheWindowAreRefused() {
    ReplyRules rules =
        new ReplyRules(true, true, TextLimit.NONE, TextLimit.NONE, null, Duration.ofHours(48));
    Instant wrote = Instant.parse("2026-11-20T10:00:00Z");
    assertThat(rules.check(false, "hi", wrote, wrote.plus(Duration.ofHours(47)))).isEmpty();
    assertThat(rules.check(false, "hi", wrote, wrote.plus(Duration.ofHours(48))))
        .hasValueSatisfying(p -> assertThat(p.key()).isEqualTo("reply.window.closed.private"));
    assertThat(rules.check(true, "hi", wrote, wrote.plus(Duration.ofDays(9)))).isEmpty();
  }
}
