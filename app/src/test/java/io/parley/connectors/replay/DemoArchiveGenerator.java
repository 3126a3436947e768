package io.parley.connectors.replay;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generates the demo replay archives (one per demo brand) from a fixed seed: Chinese posts on
 * Weibo, English posts on X and Mastodon about the brands' products, with complaints, praise,
 * questions, competitor mentions and threads of replies, by authors of whom many share a name
 * (several 王军). Some authors are the demo customers' own social accounts, so their posts join known
 * customers. Run {@code main} to write {@code src/main/resources/replay/}; {@code DemoArchiveTests}
 * checks the committed archives are exactly what this produces.
 */
public final class DemoArchiveGenerator {

  static final long SEED = 20261123L;
  static final String MOBILE = "replay/demo-social.jsonl.gz";
  static final String HOME = "replay/demo-social-home.jsonl.gz";
  static final int MOBILE_POSTS = 3000;
  static final int HOME_POSTS = 1500;
  static final Instant EPOCH = Instant.parse("2026-10-01T00:00:00Z");

  private static final String[] SURNAMES = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "林"
  };
  private static final String[] GIVEN = {
    "军", "伟", "敏", "洋", "静", "帆", "磊", "丽", "杰", "婷", "明", "悦", "超", "琳", "斌", "佳", "欣", "峰", "翔",
    "晶", "凯", "雪", "涛", "雨", "宁", "芳", "勇", "娜", "强", "霞"
  };
  private static final String[] FIRST = {
    "Emma", "Liam", "Olivia", "Noah", "Ava", "James", "Sophia", "Lucas", "Mia", "Ethan", "Chris",
    "Sam", "Alex", "Jordan", "Taylor", "Priya", "Wei", "Kenji", "Maria", "David"
  };
  private static final String[] LAST = {
    "Johnson", "Smith", "Brown", "Davis", "Wilson", "Miller", "Moore", "Taylor", "Chen", "Patel",
    "Garcia", "Kim", "Nguyen", "Walker", "King"
  };
  private static final String[] CITIES_ZH = {"北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "南京", "西安"};
  private static final String[] BIOS_ZH = {
    "数码爱好者", "生活在{city}。", "两个孩子的妈妈", "程序员，喜欢折腾手机", "摄影 / 旅行 / 美食", "学生党", "", ""
  };
  private static final String[] BIOS_EN = {
    "Coffee, code and gadgets.", "Tech reviewer.", "Dad of two. Runner.", "Photographer.", "", ""
  };

  /** What a brand's posts are about. */
  record Brand(
      String weibo,
      String x,
      String name,
      String[] productsZh,
      String[] productsEn,
      String[] problemsZh,
      String[] problemsEn,
      String[] competitors) {}

  static final Brand ACME_MOBILE =
      new Brand(
          "@Acme手机",
          "@AcmeMobile",
          "Acme",
          new String[] {"Acme X12", "Acme X12 Pro", "Acme Buds 2", "Acme Watch S", "X12"},
          new String[] {"Acme X12", "X12 Pro", "Acme Buds 2", "Acme Watch S"},
          new String[] {
            "蓝牙无法连接",
            "屏幕闪烁",
            "充电很慢",
            "无法连接WiFi",
            "耗电太快",
            "发热严重",
            "相机对焦失败",
            "系统更新后卡顿",
            "指纹识别失灵",
            "耳机只有一边有声音"
          },
          new String[] {
            "bluetooth won't connect",
            "screen flickering",
            "charges really slowly",
            "keeps dropping WiFi",
            "battery drains overnight",
            "gets hot when charging",
            "camera won't focus",
            "lags since the update",
            "fingerprint reader stopped working",
            "only one earbud plays sound"
          },
          new String[] {"Zenith Z5", "NovaPhone 8", "Orion P3"});

  static final Brand ACME_HOME =
      new Brand(
          "@Acme家居",
          "@AcmeHome",
          "Acme",
          new String[] {"Acme扫地机器人R7", "Acme Air 300净化器", "Acme智能插座", "Acme电饭煲"},
          new String[] {
            "Acme R7 robot vacuum", "Acme Air 300", "Acme smart plug", "Acme rice cooker"
          },
          new String[] {"APP一直显示离线", "噪音特别大", "无法连接WiFi", "滤网指示灯一直亮", "外壳有裂痕", "定时功能失灵"},
          new String[] {
            "keeps going offline",
            "is really noisy",
            "won't join my WiFi",
            "filter light stays on",
            "arrived cracked",
            "schedule stopped working"
          },
          new String[] {"Zenith Home", "Nova CleanBot", "Orion Air"});

  private final Random random;
  private final Brand brand;
  private final List<Map<String, Object>> authorsZh = new ArrayList<>();
  private final List<Map<String, Object>> authorsEn = new ArrayList<>();
  private long nextId;

  DemoArchiveGenerator(Brand brand, long seed) {
    this.brand = brand;
    this.random = new Random(seed);
    // Far apart per brand, so the two archives never share an id.
    this.nextId = seed % 1000 + (brand == ACME_HOME ? 50_000_000L : 0L);
    demoCustomers();
    for (int i = 0; i < 420; i++) {
      // Few surnames and given names: many authors share a name, as on the real networks.
      String name =
          i % 25 == 0
              ? "王军"
              : pick(SURNAMES) + pick(GIVEN) + (random.nextInt(3) == 0 ? pick(GIVEN) : "");
      String id = String.valueOf(6_000_000_000L + i * 7_333L + random.nextInt(7_000));
      authorsZh.add(
          author(
              "weibo",
              id,
              "user" + id.substring(4),
              name,
              random.nextInt(20) == 0 ? 100_000 + random.nextInt(900_000) : random.nextInt(3000),
              pick(BIOS_ZH).replace("{city}", pick(CITIES_ZH))));
    }
    for (int i = 0; i < 260; i++) {
      String name = pick(FIRST) + " " + pick(LAST);
      boolean mastodon = i % 6 == 0;
      String handle = name.toLowerCase().replace(' ', '_') + (i % 3 == 0 ? "" : String.valueOf(i));
      authorsEn.add(
          author(
              mastodon ? "mastodon" : "x",
              mastodon
                  ? String.valueOf(109_000_000_000_000_000L + i * 997L)
                  : String.valueOf(1_500_000_000_000_000_000L + i * 104_729L),
              mastodon ? handle + "@mastodon.social" : handle,
              name,
              random.nextInt(20) == 0 ? 50_000 + random.nextInt(500_000) : random.nextInt(5000),
              pick(BIOS_EN)));
    }
  }

  /** The demo customers' Weibo and X accounts (as DemoCatalog makes them), so they post too. */
  private void demoCustomers() {
    String[] names = {"王军", "李伟", "张敏", "刘洋", "陈静", "杨帆", "赵磊", "黄丽", "周杰", "吴婷"};
    String[] pinyin = {
      "wangjun",
      "liwei",
      "zhangmin",
      "liuyang",
      "chenjing",
      "yangfan",
      "zhaolei",
      "huangli",
      "zhoujie",
      "wuting"
    };
    for (int i = 0; i < names.length; i++) {
      authorsZh.add(
          author(
              "weibo",
              String.valueOf(5_000_000_000L + i * 7919L),
              pinyin[i] + (i % 3 == 0 ? "" : String.valueOf(1980 + i)),
              names[i],
              random.nextInt(5000),
              "生活在" + CITIES_ZH[i % CITIES_ZH.length] + "。"));
    }
    String[] english = {"Emma Johnson", "Liam Smith", "Olivia Brown", "Noah Davis", "Ava Wilson"};
    for (int e = 0; e < english.length; e++) {
      String handle = english[e].toLowerCase().replace(' ', '_');
      authorsEn.add(
          author(
              "x",
              String.valueOf(1_400_000_000_000_000_000L + e * 104729L),
              handle,
              english[e],
              random.nextInt(20000),
              "Coffee, code and gadgets."));
    }
  }

  private static Map<String, Object> author(
      String network, String id, String handle, String name, long followers, String bio) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("network", network);
    a.put("id", id);
    a.put("handle", handle);
    a.put("name", name);
    a.put("followers", followers);
    if (!bio.isEmpty()) {
      a.put("bio", bio);
    }
    return a;
  }

  /** The posts, in stream order: a reply always follows its parent. */
  List<Map<String, Object>> posts(int count) {
    List<Map<String, Object>> posts = new ArrayList<>(count);
    List<Map<String, Object>> open = new ArrayList<>();
    double offset = 0;
    while (posts.size() < count) {
      offset = Math.round((offset + -Math.log(1 - random.nextDouble()) * 18 + 0.5) * 10) / 10.0;
      Map<String, Object> post;
      if (!open.isEmpty() && random.nextInt(100) < 35) {
        Map<String, Object> parent =
            open.get(open.size() - 1 - random.nextInt(Math.min(15, open.size())));
        post = reply(parent);
      } else {
        post = root();
        if (random.nextInt(100) < 55) {
          open.add(post);
          if (open.size() > 60) {
            open.remove(0);
          }
        }
      }
      post.put("offset", offset);
      post.put("sentAt", EPOCH.plusMillis((long) (offset * 1000)).toString());
      posts.add(post);
    }
    return posts;
  }

  private Map<String, Object> root() {
    boolean chinese = random.nextInt(100) < 62;
    Map<String, Object> author = pick(chinese ? authorsZh : authorsEn);
    String network = (String) author.get("network");
    int kind = random.nextInt(100);
    String text;
    String source = "DIRECT";
    if (kind < 40) {
      text = chinese ? complaintZh() : complaintEn(network);
    } else if (kind < 48) {
      text = chinese ? orderZh() : orderEn(network);
    } else if (kind < 62) {
      text = chinese ? questionZh() : questionEn(network);
    } else if (kind < 78) {
      text = chinese ? praiseZh() : praiseEn(network);
    } else if (kind < 92) {
      text = chinese ? competitorZh() : competitorEn();
      source = "LISTENED";
    } else {
      text = chinese ? chatterZh() : chatterEn();
      source = "LISTENED";
    }
    Map<String, Object> post = post(network, author, text, chinese ? "zh" : "en", source);
    post.put("threadId", post.get("id"));
    return post;
  }

  private Map<String, Object> reply(Map<String, Object> parent) {
    boolean chinese = "zh".equals(parent.get("language"));
    @SuppressWarnings("unchecked")
    Map<String, Object> parentAuthor = (Map<String, Object>) parent.get("author");
    boolean same = random.nextInt(100) < 40;
    Map<String, Object> author = same ? parentAuthor : pick(chinese ? authorsZh : authorsEn);
    if (!author.get("network").equals(parentAuthor.get("network"))) {
      author = parentAuthor;
      same = true;
    }
    String text;
    if (same) {
      text = chinese ? pick(FOLLOW_UPS_ZH) : pick(FOLLOW_UPS_EN);
    } else {
      String mention = "@" + parentAuthor.get("handle") + " ";
      text = mention + (chinese ? pick(OTHERS_ZH) : pick(OTHERS_EN));
    }
    Map<String, Object> post =
        post((String) parentAuthor.get("network"), author, text, chinese ? "zh" : "en", "DIRECT");
    post.put("threadId", parent.get("threadId"));
    post.put("parentId", parent.get("id"));
    return post;
  }

  private Map<String, Object> post(
      String network, Map<String, Object> author, String text, String language, String source) {
    Map<String, Object> post = new LinkedHashMap<>();
    nextId += 1 + random.nextInt(40);
    String prefix =
        switch (network) {
          case "weibo" -> "wb-" + (4_970_000_000_000_000L + nextId * 1_000L);
          case "mastodon" -> "md-" + (113_000_000_000_000_000L + nextId * 100L);
          default -> "x-" + (1_860_000_000_000_000_000L + nextId * 10_000L);
        };
    post.put("id", prefix);
    post.put("network", network);
    post.put("author", author);
    post.put("text", text);
    post.put("language", language);
    post.put("public", true);
    post.put("source", source);
    return post;
  }

  private String complaintZh() {
    String product = pick(brand.productsZh());
    String problem = pick(brand.problemsZh());
    return pick(new String[] {
          "{brand} 我的{product}{problem}，{detail}",
          "{brand} {product}{problem}！{detail}，客服能不能管管",
          "买了{days}天的{product}就{problem}，{detail}。{brand}",
          "{brand} 急！{product}{problem}，{detail}，怎么办？",
          "真的无语，{product}{problem}，{detail}。{brand} 给个说法"
        })
        .replace("{brand}", brand.weibo())
        .replace("{product}", product)
        .replace("{problem}", problem)
        .replace("{days}", String.valueOf(2 + random.nextInt(60)))
        .replace(
            "{detail}",
            pick(
                new String[] {
                  "重启了好几次还是不行",
                  "已经恢复出厂设置了",
                  "系统是最新版本",
                  "换了充电器也一样",
                  "在门店检测说没问题",
                  "昨天还好好的",
                  "问了在线客服没人回",
                  "家里其他设备都正常"
                }));
  }

  private String complaintEn(String network) {
    return pick(new String[] {
          "{brand} my {product} {problem}. {detail}",
          "Hey {brand}, {product} {problem} again. {detail}",
          "{product} {problem} and support hasn't answered in days. {brand} please help",
          "Is anyone else's {product} {problem}? {detail} {brand}",
          "Really disappointed: {product} {problem}. {detail}"
        })
        .replace("{brand}", handle(network))
        .replace("{product}", pick(brand.productsEn()))
        .replace("{problem}", pick(brand.problemsEn()))
        .replace(
            "{detail}",
            pick(
                new String[] {
                  "Already tried restarting.",
                  "Factory reset didn't help.",
                  "It's on the latest firmware.",
                  "Worked fine until yesterday.",
                  "Tried a different cable too.",
                  "This is my second one."
                }));
  }

  private String orderZh() {
    return pick(new String[] {
          "{brand} 订单{order}已经{days}天了还没发货，客服电话一直打不通",
          "{brand} 我的{product}快递一直不更新，订单号{order}",
          "{brand} 申请退货一周了，退款还没到账，订单{order}"
        })
        .replace("{brand}", brand.weibo())
        .replace("{product}", pick(brand.productsZh()))
        .replace("{order}", order())
        .replace("{days}", String.valueOf(3 + random.nextInt(10)));
  }

  private String orderEn(String network) {
    return pick(new String[] {
          "{brand} order {order} placed {days} days ago and still not shipped. Any update?",
          "{brand} tracking for my {product} hasn't moved in a week (order {order})",
          "{brand} still waiting for my refund on order {order}"
        })
        .replace("{brand}", handle(network))
        .replace("{product}", pick(brand.productsEn()))
        .replace("{order}", order())
        .replace("{days}", String.valueOf(3 + random.nextInt(10)));
  }

  private String order() {
    return "AC202610"
        + String.format("%02d", 1 + random.nextInt(28))
        + "-"
        + (1000 + random.nextInt(9000));
  }

  private String questionZh() {
    return pick(new String[] {
          "{brand} 请问{product}支持无线充电吗？",
          "{brand} {product}的保修期是多久？",
          "{brand} 双十一{product}会降价吗",
          "请问{product}在哪里可以买到原装配件？{brand}",
          "{brand} {product}什么时候推送新系统？"
        })
        .replace("{brand}", brand.weibo())
        .replace("{product}", pick(brand.productsZh()));
  }

  private String questionEn(String network) {
    return pick(new String[] {
          "{brand} does the {product} support wireless charging?",
          "{brand} how long is the warranty on the {product}?",
          "Quick question {brand}: where can I buy a genuine charger for the {product}?",
          "{brand} when is the next update for the {product} coming?"
        })
        .replace("{brand}", handle(network))
        .replace("{product}", pick(brand.productsEn()));
  }

  private String praiseZh() {
    return pick(new String[] {
          "{product}用了一个月，续航真的很顶，点赞{brand}",
          "{brand} 客服小姐姐太耐心了，{product}的问题十分钟就解决了",
          "新入手的{product}，颜值和手感都在线！",
          "{product}拍照效果惊艳，{brand} 这次真的诚意满满"
        })
        .replace("{brand}", brand.weibo())
        .replace("{product}", pick(brand.productsZh()));
  }

  private String praiseEn(String network) {
    return pick(new String[] {
          "Loving my new {product}. Battery lasts two days! {brand}",
          "Shout-out to {brand} support, fixed my {product} issue in ten minutes.",
          "The {product} is the best purchase I made this year.",
          "{brand} the latest update made my {product} so much smoother, thanks!"
        })
        .replace("{brand}", handle(network))
        .replace("{product}", pick(brand.productsEn()));
  }

  private String competitorZh() {
    return pick(new String[] {
          "纠结买{product}还是{rival}，有没有用过的说说？",
          "从{product}换到{rival}了，信号好太多",
          "{rival}比{product}便宜三百，配置差不多",
          "还是{product}香，{rival}的系统广告太多了"
        })
        .replace("{product}", pick(brand.productsZh()))
        .replace("{rival}", pick(brand.competitors()));
  }

  private String competitorEn() {
    return pick(new String[] {
          "Torn between the {product} and the {rival}. Thoughts?",
          "Switched from {product} to {rival} and the camera is way better.",
          "The {rival} is cheaper than the {product} for basically the same specs.",
          "Went back to the {product}; the {rival} software is full of ads."
        })
        .replace("{product}", pick(brand.productsEn()))
        .replace("{rival}", pick(brand.competitors()));
  }

  private String chatterZh() {
    return pick(new String[] {
          "今天{product}又自动更新了", "{product}的新配色好好看", "排队两小时终于买到{product}了", "有人拼单买{product}配件吗"
        })
        .replace("{product}", pick(brand.productsZh()));
  }

  private String chatterEn() {
    return pick(new String[] {
          "Unboxing my {product} tonight!",
          "The new {product} colours look great.",
          "Anyone selling a used {product}?"
        })
        .replace("{product}", pick(brand.productsEn()));
  }

  private String handle(String network) {
    return network.equals("mastodon") ? brand.x() + "@mastodon.social" : brand.x();
  }

  private static final String[] FOLLOW_UPS_ZH = {
    "补充一下，型号是最新款，系统已经更新了",
    "还是不行，麻烦私信我",
    "已经三天了还没人回复",
    "好了好了，谢谢客服！",
    "试了你们说的方法，没用",
    "订单号私信发你们了",
    "更新：重新配对以后可以连上了"
  };
  private static final String[] FOLLOW_UPS_EN = {
    "Update: still broken after the latest firmware.",
    "Sent you a DM with my order number.",
    "Never mind, re-pairing fixed it. Thanks!",
    "Three days and no reply...",
    "Tried that, didn't help."
  };
  private static final String[] OTHERS_ZH = {
    "我也遇到了同样的问题", "+1，蓝牙无法连接，坐等官方回复", "试试忘记设备再重新配对", "我的也是，屏幕闪烁", "我的就没问题啊", "建议直接去售后"
  };
  private static final String[] OTHERS_EN = {
    "same here, screen flickering since the update",
    "+1, bluetooth won't connect for me either",
    "try forgetting the device and pairing again",
    "mine works fine, maybe a bad unit?",
    "had this too, support replaced it"
  };

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** The archive's lines. */
  static List<String> lines(Brand brand, long seed, int count) {
    JsonMapper json = JsonMapper.builder().build();
    return new DemoArchiveGenerator(brand, seed)
        .posts(count).stream().map(json::writeValueAsString).toList();
  }

  static void write(Path file, List<String> lines) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
      for (String line : lines) {
        writer.write(line);
        writer.write('\n');
      }
    }
  }

  /** Writes both archives under {@code app/src/main/resources} (or the directory given). */
  public static void main(String[] args) throws IOException {
    Path resources = Path.of(args.length > 0 ? args[0] : "app/src/main/resources");
    write(resources.resolve(MOBILE), lines(ACME_MOBILE, SEED, MOBILE_POSTS));
    write(resources.resolve(HOME), lines(ACME_HOME, SEED + 1, HOME_POSTS));
  }
}
