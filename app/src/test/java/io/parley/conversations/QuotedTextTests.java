package io.parley.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotedTextTests {

  @Test
  void foldsTheHistoryAnEnglishMailClientQuotes() {
    var parts =
        QuotedText.split(
            "Updated, it works now.\n\nOn Mon, 23 Nov 2026 at 10:02, Acme Support <s@acme.test> wrote:\n> Please update.");
    assertThat(parts.fresh()).isEqualTo("Updated, it works now.");
    assertThat(parts.quoted()).startsWith("On Mon").contains("> Please update.");
  }

  @Test
  void foldsTheHistoryAChineseMailClientQuotes() {
    var parts = QuotedText.split("已经好了，谢谢。\n\n在 2026年11月23日 10:02，Acme 客服 写道：\n请更新到 2.1.4。");
    assertThat(parts.fresh()).isEqualTo("已经好了，谢谢。");
    assertThat(parts.quoted()).contains("请更新到 2.1.4。");
    var outlook =
        QuotedText.split("收到。\n-----原始邮件-----\n发件人: support@acme.test\n发送时间: 2026年11月23日");
    assertThat(outlook.fresh()).isEqualTo("收到。");
  }

  @Test
  void keepsAMessageWithoutQuoteOrWrittenBelowTheQuoteWhole() {
    assertThat(QuotedText.split("Just a question.").quoted()).isNull();
    var below = QuotedText.split("> your question\nmy answer");
    assertThat(below.fresh()).isEqualTo("> your question\nmy answer");
    assertThat(below.quoted()).isNull();
  }
}
