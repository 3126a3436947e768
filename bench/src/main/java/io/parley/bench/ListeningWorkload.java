package io.parley.bench;

import com.hankcs.hanlp.HanLP;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The generated workload of the listening benchmark, the same for every matcher: rules in Parley's
 * query syntax over English and Chinese product names and issue words, and posts in both languages
 * that mention some of them (a few in traditional characters or full-width letters). Fixed seed:
 * every run generates the same data.
 */
final class ListeningWorkload {

  /** A post: its text and language. */
  record Post(String text, String language) {}

  static final String[] FILLER_EN =
      ("the a my is it and to of in for on with this that was i you we they have has had not"
              + " but so very just really again still now today yesterday after before since when"
              + " why how what new old bought got use using used works worked work day week month"
              + " time store shop online order customer service support team friend phone call"
              + " email please help anyone know think feel looks like love hate great good bad"
              + " terrible awesome thanks hello hi ok problem issue question answer thing")
          .split(" ");
  static final String[] ISSUE_EN =
      ("bluetooth battery screen charger wifi refund update crash broken slow flickering"
              + " delivery warranty app login password camera speaker cable headset overheating"
              + " noise microphone connection signal storage backup firmware display keyboard"
              + " touchpad fan hinge button volume sync pairing")
          .split(" ");
  static final String[] SUFFIX_EN = "pro max mini plus ultra lite air".split(" ");
  static final String[] FILLER_ZH =
      ("我 的 了 是 在 今天 还是 真的 一直 怎么 为什么 买了 这个 那个 非常 朋友 客服 希望 已经 还 就"
              + " 都 也 很 太 没有 可以 觉得 感觉 昨天 刚刚 终于 到底 有人 知道 问题 东西 手机 电脑 用了"
              + " 一个 两天 一周 商店 网上 订单 售后 服务 请问 谢谢 好用 不错 喜欢 生气 失望")
          .split(" ");
  static final String[] ISSUE_ZH =
      ("蓝牙 电池 屏幕 充电器 无线 退款 更新 闪退 坏了 很慢 闪烁 快递 保修 登录 密码 相机 音箱 耳机"
              + " 无法连接 发热 噪音 麦克风 信号 存储 备份 固件 键盘 风扇 按键 音量 同步 配对")
          .split(" ");
  static final String[] SUFFIX_ZH = "青春版 旗舰版 尊享版 标准版".split(" ");
  private static final String HAN =
      "星云龙凤华美天海山月光风雷电金银玉宝安康乐福瑞祥和泰恒达鑫源盛通信科技智能创新未来极速" + "灵动飞翔远航启明晨曦彩虹蓝图云端数码精工匠心锐意卓越先锋领航畅想悦享优品尚品臻品";

  final List<String> rules = new ArrayList<>();
  final List<Post> posts = new ArrayList<>();
  final List<String> productsEn = new ArrayList<>();
  final List<String> productsZh = new ArrayList<>();

  ListeningWorkload(int ruleCount, int postCount) {
    Random random = new Random(42);
    Set<String> en = new LinkedHashSet<>();
    String[] c = "bdfgklmnprstvz".split("");
    String[] v = "aeiou".split("");
    while (en.size() < 4000) {
      StringBuilder w = new StringBuilder();
      for (int i = 0; i < 3; i++) {
        w.append(c[random.nextInt(c.length)]).append(v[random.nextInt(v.length)]);
      }
      if (random.nextInt(4) == 0) {
        w.append(random.nextInt(10));
      }
      en.add(w.toString());
    }
    productsEn.addAll(en);
    Set<String> zh = new LinkedHashSet<>();
    while (zh.size() < 3000) {
      int n = 2 + random.nextInt(2);
      StringBuilder w = new StringBuilder();
      for (int i = 0; i < n; i++) {
        w.append(HAN.charAt(random.nextInt(HAN.length())));
      }
      zh.add(w.toString());
    }
    productsZh.addAll(zh);
    for (int r = 0; r < ruleCount; r++) {
      rules.add(rule(random));
    }
    for (int p = 0; p < postCount; p++) {
      posts.add(random.nextInt(100) < 55 ? english(random) : chinese(random));
    }
  }

  private String rule(Random random) {
    boolean chinese = random.nextInt(100) < 45;
    String p1 = product(random, chinese);
    String p2 = product(random, chinese);
    String i1 = issue(random, chinese);
    String i2 = issue(random, chinese);
    String i3 = issue(random, chinese);
    return switch (random.nextInt(6)) {
      case 0 -> p1 + " AND (" + i1 + " OR " + i2 + ")";
      case 1 ->
          "(\""
              + p1
              + (chinese ? "" : " ")
              + suffix(random, chinese)
              + "\" OR "
              + p2
              + ") AND "
              + i1
              + " NOT "
              + (chinese ? "退款" : "refund");
      case 2 -> "NEAR/3(" + p1 + ", " + i1 + ")";
      case 3 -> p1 + " OR " + p2;
      case 4 -> "(" + p1 + " AND " + i1 + ") NOT (" + i2 + " OR " + i3 + ")";
      default -> p1 + " AND (" + (chinese ? "bluetooth OR 蓝牙" : "蓝牙 OR bluetooth") + ")";
    };
  }

  private String product(Random random, boolean chinese) {
    // A skewed choice: some products are talked about far more than others.
    List<String> pool = chinese ? productsZh : productsEn;
    int i = (int) (pool.size() * Math.pow(random.nextDouble(), 2));
    return pool.get(i);
  }

  private static String issue(Random random, boolean chinese) {
    String[] pool = chinese ? ISSUE_ZH : ISSUE_EN;
    return pool[random.nextInt(pool.length)];
  }

  private static String suffix(Random random, boolean chinese) {
    String[] pool = chinese ? SUFFIX_ZH : SUFFIX_EN;
    return pool[random.nextInt(pool.length)];
  }

  private Post english(Random random) {
    int length = 10 + random.nextInt(21);
    List<String> words = new ArrayList<>(length + 3);
    for (int i = 0; i < length; i++) {
      words.add(FILLER_EN[random.nextInt(FILLER_EN.length)]);
    }
    if (random.nextInt(100) < 40) {
      String product = product(random, false);
      if (random.nextInt(100) < 3) {
        product = fullWidth(product.toUpperCase());
      } else if (random.nextBoolean()) {
        product = Character.toUpperCase(product.charAt(0)) + product.substring(1);
      }
      words.add(random.nextInt(words.size()), product);
      if (random.nextInt(4) == 0) {
        words.add(Math.min(words.size(), words.indexOf(product) + 1), suffix(random, false));
      }
    }
    int issues = random.nextInt(100) < 60 ? 1 + random.nextInt(2) : 0;
    for (int i = 0; i < issues; i++) {
      words.add(random.nextInt(words.size()), ISSUE_EN[random.nextInt(ISSUE_EN.length)]);
    }
    if (random.nextInt(100) < 5) {
      words.add(random.nextInt(words.size()), "蓝牙");
    }
    String text = String.join(" ", words);
    return new Post(Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".", "en");
  }

  private Post chinese(Random random) {
    int length = 8 + random.nextInt(16);
    List<String> words = new ArrayList<>(length + 3);
    for (int i = 0; i < length; i++) {
      words.add(FILLER_ZH[random.nextInt(FILLER_ZH.length)]);
    }
    if (random.nextInt(100) < 40) {
      String product = product(random, true);
      words.add(random.nextInt(words.size()), product);
      if (random.nextInt(4) == 0) {
        words.add(Math.min(words.size(), words.indexOf(product) + 1), suffix(random, true));
      }
    }
    int issues = random.nextInt(100) < 60 ? 1 + random.nextInt(2) : 0;
    for (int i = 0; i < issues; i++) {
      words.add(random.nextInt(words.size()), ISSUE_ZH[random.nextInt(ISSUE_ZH.length)]);
    }
    if (random.nextInt(100) < 5) {
      words.add(random.nextInt(words.size()), "bluetooth");
    }
    String text = String.join("", words) + "。";
    if (random.nextInt(100) < 4) {
      text = HanLP.convertToTraditionalChinese(text);
    }
    return new Post(text, "zh");
  }

  private static String fullWidth(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      out.append(ch >= '!' && ch <= '~' ? (char) (ch + 0xFEE0) : ch);
    }
    return out.toString();
  }
}
