package io.parley.connectors.weibo;

/**
 * How Weibo counts text: a Chinese (any non-ASCII) character counts one, two ASCII characters count
 * one, rounded up; comments take at most 140, fans-service messages at most 300.
 */
final class WeiboText {

  static final int COMMENT_LIMIT = 140;
  static final int MESSAGE_LIMIT = 300;

  private WeiboText() {}

  static int length(String text) {
    if (text == null) {
      return 0;
    }
    int halves = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      halves += cp < 128 ? 1 : 2;
      i += Character.charCount(cp);
    }
    return (halves + 1) / 2;
  }
}
