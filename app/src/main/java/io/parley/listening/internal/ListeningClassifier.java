package io.parley.listening.internal;

import io.parley.channels.ChannelAccountId;
import io.parley.channels.Classification;
import io.parley.channels.InboundClassifier;
import io.parley.channels.InboundMessage;
import io.parley.identity.BrandId;
import io.parley.listening.Post;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Runs every inbound message through the live rules. A match carries the rules' tags (skills as
 * {@code skill:} tags); rules that open cases also give the queue (the first such rule with one, by
 * priority) and the highest priority among them. The sentiment is left to the mention ({@link
 * MentionRecorder} analyses it where it writes the mention).
 */
@Component
class ListeningClassifier implements InboundClassifier {

  private static final List<String> PRIORITY_ORDER = List.of("LOW", "NORMAL", "HIGH", "URGENT");

  private final LiveRules rules;
  private final RecentPosts recent;

  ListeningClassifier(LiveRules rules, RecentPosts recent) {
    this.rules = rules;
    this.recent = recent;
  }

  @Override
  public Classification classify(
      ChannelAccountId account, BrandId brand, String channelType, InboundMessage message) {
    String text = textOf(message);
    String language = languageOf(message.language(), text);
    Post post = new Post(text, brand.value(), language, channelType, account.value());
    recent.add(
        post,
        message.author() == null
            ? null
            : message.author().handle() != null
                ? message.author().handle()
                : message.author().replyAddress());
    LiveRules.Snapshot snapshot = rules.current();
    long[] matched = snapshot.engine().match(post);
    if (matched.length == 0) {
      return Classification.NONE;
    }
    return classification(snapshot, matched);
  }

  static Classification classification(LiveRules.Snapshot snapshot, long[] matched) {
    List<Long> ids = new ArrayList<>(matched.length);
    Set<String> tags = new LinkedHashSet<>();
    boolean openCase = false;
    Long queue = null;
    String priority = null;
    int queueRank = -1;
    for (long id : matched) {
      LiveRules.Action action = snapshot.actions().get(id);
      if (action == null) {
        continue;
      }
      ids.add(id);
      tags.addAll(action.caseTags());
      if (action.action() == RuleAction.OPEN_CASE) {
        openCase = true;
        int rank = PRIORITY_ORDER.indexOf(action.priority() == null ? "NORMAL" : action.priority());
        if (action.priority() != null
            && (priority == null || rank > PRIORITY_ORDER.indexOf(priority))) {
          priority = action.priority();
        }
        if (action.queueId() != null && rank > queueRank) {
          queue = action.queueId();
          queueRank = rank;
        }
      }
    }
    return new Classification(ids, tags, queue, priority, openCase);
  }

  /** What listening reads of a message: subject and text (or the text of its HTML). */
  static String textOf(InboundMessage message) {
    String text = message.text();
    if ((text == null || text.isBlank()) && message.html() != null) {
      text = io.parley.conversations.InboundHtml.toText(message.html());
    }
    if (message.subject() != null && !message.subject().isBlank()) {
      return text == null ? message.subject() : message.subject() + "\n" + text;
    }
    return text == null ? "" : text;
  }

  /**
   * The language's primary subtag ("zh-Hant" is "zh"); without one from the network, "zh" when the
   * text has Chinese characters, else "en".
   */
  static String languageOf(String tag, String text) {
    if (tag != null && !tag.isBlank()) {
      String primary = tag.strip().toLowerCase(Locale.ROOT);
      int dash = primary.indexOf('-');
      return dash > 0 ? primary.substring(0, dash) : primary;
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.UnicodeScript.of(text.charAt(i)) == Character.UnicodeScript.HAN) {
        return "zh";
      }
    }
    return "en";
  }
}
