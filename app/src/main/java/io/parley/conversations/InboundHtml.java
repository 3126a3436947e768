package io.parley.conversations;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Makes HTML written by strangers safe to show: formatting, lists, tables, quotes and links stay;
 * scripts, styles, forms, frames, event handlers and remote images go; images embedded in the
 * message itself ({@code cid:}) stay. Links open outside Parley, without referrer.
 */
public final class InboundHtml {

  private static final PolicyFactory POLICY =
      Sanitizers.FORMATTING
          .and(Sanitizers.BLOCKS)
          .and(Sanitizers.TABLES)
          .and(
              new HtmlPolicyBuilder()
                  .allowElements("a")
                  .allowStandardUrlProtocols()
                  .allowAttributes("href")
                  .onElements("a")
                  .requireRelsOnLinks("noopener", "noreferrer", "nofollow")
                  .allowAttributes("target")
                  .matching(false, "_blank")
                  .onElements("a")
                  .allowElements("br", "hr", "pre", "code", "blockquote", "ul", "ol", "li")
                  // Inline images only from the message's own parts (cid:), never remote.
                  .allowElements("img")
                  .allowUrlProtocols("cid")
                  .allowAttributes("src")
                  .matching(java.util.regex.Pattern.compile("cid:[A-Za-z0-9._@$%+=-]{1,200}"))
                  .onElements("img")
                  .allowAttributes("alt", "width", "height")
                  .onElements("img")
                  .toFactory());

  private InboundHtml() {}

  /** The safe subset of {@code html}. */
  public static String sanitize(String html) {
    return html == null ? null : POLICY.sanitize(html);
  }

  /** The readable text of {@code html}, for search, previews and plain-text channels. */
  public static String toText(String html) {
    if (html == null) {
      return null;
    }
    String text =
        html.replaceAll("(?is)<(script|style|head)[^>]*>.*?</\\1>", " ")
            .replaceAll(
                "(?i)<br\\s*/?>|</?(p|div|li|ul|ol|tr|table|h[1-6]|blockquote|pre|hr)\\b[^>]*>",
                "\n")
            .replaceAll("(?i)</t[dh]>", " ")
            .replaceAll("<[^>]+>", "");
    text = org.springframework.web.util.HtmlUtils.htmlUnescape(text).replace('\u00a0', ' ');
    return text.replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll(" *\\n[ \\n]*", "\n").strip();
  }
}
