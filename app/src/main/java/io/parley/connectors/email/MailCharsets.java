package io.parley.connectors.email;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Charsets as mail from Chinese-speaking customers really uses them: messages labelled GB2312
 * routinely contain GBK characters, and Big5 ones HKSCS characters, so each label is read with the
 * superset that decodes what senders actually wrote.
 */
final class MailCharsets {

  private static final Pattern ENCODED_WORD_CHARSET =
      Pattern.compile(
          "=\\?(gb2312|gbk|x-gbk|euc-cn|big5|cp936|cn-big5)(\\*[^?]*)?\\?",
          Pattern.CASE_INSENSITIVE);

  private MailCharsets() {}

  static Charset forLabel(String label) {
    if (label == null || label.isBlank()) {
      return StandardCharsets.UTF_8; // what an unlabelled part most likely is today
    }
    String name = label.strip().replace("\"", "").toLowerCase(Locale.ROOT);
    switch (name) {
      case "gb2312", "gbk", "x-gbk", "euc-cn", "cp936", "gb_2312-80", "csgb2312" -> {
        return Charset.forName("GB18030");
      }
      case "big5", "cn-big5", "x-x-big5", "csbig5" -> {
        return Charset.forName("Big5-HKSCS");
      }
      case "us-ascii", "ascii" -> {
        // Mislabelled 8-bit text is common; UTF-8 decodes plain ASCII identically.
        return StandardCharsets.UTF_8;
      }
      default -> {
        try {
          return Charset.forName(name);
        } catch (RuntimeException unknown) {
          return StandardCharsets.UTF_8;
        }
      }
    }
  }

  /** Rewrites encoded-word charsets ({@code =?GB2312?B?...?=}) to their supersets. */
  static String widenEncodedWords(String header) {
    if (header == null) {
      return null;
    }
    Matcher m = ENCODED_WORD_CHARSET.matcher(header);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String label = m.group(1).toLowerCase(Locale.ROOT);
      String wide = label.contains("big5") ? "Big5-HKSCS" : "GB18030";
      m.appendReplacement(out, Matcher.quoteReplacement("=?" + wide + "?"));
    }
    m.appendTail(out);
    return out.toString();
  }
}
