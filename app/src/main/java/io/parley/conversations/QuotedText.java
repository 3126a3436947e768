package io.parley.conversations;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a message into what the customer wrote now and the history their mail client quoted below
 * it ("On … wrote:", "-----Original Message-----", "在…写道：", "发件人:", "> " lines), so the history can
 * be folded for display; the stored message always keeps both.
 */
public final class QuotedText {

  private static final Pattern MARKER =
      Pattern.compile(
          "(?m)^(?:\\s*On .{1,200}wrote:\\s*$"
              + "|\\s*-{2,}\\s*(?:Original Message|Forwarded message|原始邮件|原始郵件)\\s*-{2,}"
              + "|\\s*在.{1,200}写道[：:]\\s*$"
              + "|\\s*(?:发件人|寄件者|From)\\s*[：:].+\\R\\s*(?:发送时间|Sent|Date|日期)\\s*[：:]"
              + "|\\s*>.*$)");

  private QuotedText() {}

  /** What the customer wrote now, and the quoted history (null when there is none). */
  public record Parts(String fresh, String quoted) {}

  public static Parts split(String body) {
    if (body == null) {
      return new Parts("", null);
    }
    Matcher m = MARKER.matcher(body);
    if (m.find()) {
      String fresh = body.substring(0, m.start()).strip();
      if (fresh.isEmpty()) {
        // A reply written below the quote (or only a quote): show everything.
        return new Parts(body, null);
      }
      return new Parts(fresh, body.substring(m.start()).strip());
    }
    return new Parts(body, null);
  }
}
