package io.parley.conversations.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** A case's subject from its first message: one line, at most 80 characters. */
class CaseSubjectTests {

  /** The definition: strip, every run of whitespace one space, cut to 79 characters and "…". */
  private static String byDefinition(String text) {
    if (text == null || text.isBlank()) {
      return "(no subject)";
    }
    String oneLine = text.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 79) + "…";
  }

  @Test
  void aMessageBecomesOneLineOfAtMostEightyCharacters() {
    assertThat(CaseWriter.summarize("  Screen\n\n flickering\t\tagain  "))
        .isEqualTo("Screen flickering again");
    assertThat(CaseWriter.summarize("无法连接 \r\n 路由器")).isEqualTo("无法连接 路由器");
    assertThat(CaseWriter.summarize(" \n\t ")).isEqualTo("(no subject)");
    assertThat(CaseWriter.summarize(null)).isEqualTo("(no subject)");
    assertThat(CaseWriter.summarize("x".repeat(80))).isEqualTo("x".repeat(80));
    assertThat(CaseWriter.summarize("x".repeat(81))).isEqualTo("x".repeat(79) + "…");
    assertThat(CaseWriter.summarize("x".repeat(78) + "       y")).isEqualTo("x".repeat(78) + " y");
    assertThat(CaseWriter.summarize("x".repeat(79) + "       yz")).isEqualTo("x".repeat(79) + "…");
  }

  @Test
  void itIsTheSameAsCollapsingTheWholeTextFirst() {
    Random random = new Random(42);
    String[] parts = {
      "a",
      "屏幕",
      " ",
      "  ",
      "\n",
      "\t",
      "\r\n",
      "\u000B",
      "\f",
      "\u00A0",
      "\u3000",
      "word",
      "😀",
      "x".repeat(40)
    };
    for (int i = 0; i < 5_000; i++) {
      StringBuilder text = new StringBuilder();
      int n = random.nextInt(60);
      for (int j = 0; j < n; j++) {
        text.append(parts[random.nextInt(parts.length)]);
      }
      assertThat(CaseWriter.summarize(text.toString()))
          .as("%s", text)
          .isEqualTo(byDefinition(text.toString()));
    }
  }
}
