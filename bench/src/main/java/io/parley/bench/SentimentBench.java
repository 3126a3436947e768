package io.parley.bench;

import io.parley.listening.sentiment.SentimentAnalyzer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Sentiment throughput: single-thread analyses per second on generated English and Chinese customer
 * posts, and what loading the Chinese analyser (HanLP dictionaries) costs in time and heap. {@code
 * java -jar bench/target/parley-bench.jar sentiment [seconds-per-language]}.
 */
final class SentimentBench {

  private static final String[] EN_SUBJECTS = {
    "My X5",
    "The AcmeBuds",
    "The router",
    "My new watch",
    "The vacuum",
    "The TV",
    "The speaker",
    "The laptop",
    "Your app",
    "The charger"
  };
  private static final String[] EN_PREDICATES = {
    "can't connect to wifi since the update",
    "is absolutely amazing, thanks!",
    "keeps flickering and the support chat is useless",
    "arrived two days late but works great",
    "stopped working after a week. I want a refund",
    "is not bad at all :)",
    "has the best battery I've ever had 😍",
    "drains the battery by lunch",
    "is fine I guess",
    "does it support eSIM?",
    "was replaced in five minutes, very helpful staff",
    "is SO slow, what is going on??"
  };
  private static final String[] ZH_SUBJECTS = {
    "我的X5", "耳机", "路由器", "新手表", "扫地机", "电视", "音箱", "笔记本", "你们的APP", "充电器"
  };
  private static final String[] ZH_PREDICATES = {
    "升级之后无法连接WiFi",
    "太好用了，非常满意！",
    "一直闪屏，客服态度差",
    "晚到了两天，不过很好用",
    "用了一周就坏了，我要退货",
    "一点也不卡，很流畅",
    "续航是我用过最好的😍",
    "中午就没电了",
    "还行吧",
    "支持eSIM吗？",
    "门店五分钟就换好了，店员很热心",
    "卡顿严重，怎么回事？？"
  };

  private static final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  private SentimentBench() {}

  /** Rates per second of this thread's CPU time, so that a busy machine does not halve them. */
  private static long cpu() {
    return threads.getCurrentThreadCpuTime();
  }

  static void main(String[] args) {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long heapBefore = memory.getHeapMemoryUsage().getUsed();
    long start = System.nanoTime();
    long startCpu = cpu();
    SentimentAnalyzer analyzer = new SentimentAnalyzer();
    long englishLoad = System.nanoTime() - start;
    long englishLoadCpu = cpu() - startCpu;
    System.gc();
    long heapEnglish = memory.getHeapMemoryUsage().getUsed();
    start = System.nanoTime();
    startCpu = cpu();
    analyzer.warmUp();
    long chineseLoad = System.nanoTime() - start;
    long chineseLoadCpu = cpu() - startCpu;
    System.gc();
    long heapChinese = memory.getHeapMemoryUsage().getUsed();

    List<String> english = posts(EN_SUBJECTS, EN_PREDICATES, " ");
    List<String> chinese = posts(ZH_SUBJECTS, ZH_PREDICATES, "");
    double englishRate = rate(analyzer, english, "en", seconds);
    double chineseRate = rate(analyzer, chinese, "zh", seconds);
    double detectRate = rate(analyzer, interleave(english, chinese), null, seconds);

    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "Load average %.1f on %d cores; rates are per second of the measuring thread's CPU time.%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
    System.out.println("| sentiment (single thread) | figure |");
    System.out.println("|---|---|");
    System.out.printf(
        Locale.ROOT,
        "| English load (VADER lexicon + overlay) | %d ms CPU (%d ms wall), heap +%d MB |%n",
        englishLoadCpu / 1_000_000,
        englishLoad / 1_000_000,
        (heapEnglish - heapBefore) >> 20);
    System.out.printf(
        Locale.ROOT,
        "| Chinese load (HanLP portable 1.8.6 + lexicon) | %d ms CPU (%d ms wall), heap +%d MB |%n",
        chineseLoadCpu / 1_000_000,
        chineseLoad / 1_000_000,
        (heapChinese - heapEnglish) >> 20);
    System.out.printf(Locale.ROOT, "| English posts | %,.0f analyses/s |%n", englishRate);
    System.out.printf(Locale.ROOT, "| Chinese posts | %,.0f analyses/s |%n", chineseRate);
    System.out.printf(
        Locale.ROOT, "| mixed, language detected by script | %,.0f analyses/s |%n", detectRate);
  }

  private static double rate(
      SentimentAnalyzer analyzer, List<String> posts, String language, int seconds) {
    long sink = 0;
    // warm the JIT for a third of the measured time, then measure
    long until = cpu() + seconds * 1_000_000_000L / 3;
    int i = 0;
    while (cpu() < until) {
      sink += analyzer.analyze(posts.get(i++ % posts.size()), language).polarity().ordinal();
    }
    long count = 0;
    long begin = cpu();
    until = begin + seconds * 1_000_000_000L;
    while (cpu() < until) {
      for (int k = 0; k < 100; k++) {
        sink += analyzer.analyze(posts.get(i++ % posts.size()), language).polarity().ordinal();
      }
      count += 100;
    }
    double rate = count / ((cpu() - begin) / 1e9);
    if (sink == 42) {
      System.out.print(""); // keep the results alive
    }
    return rate;
  }

  /** 10,000 posts: subject + predicate, with a random tail so that no two are alike. */
  private static List<String> posts(String[] subjects, String[] predicates, String space) {
    Random random = new Random(7);
    List<String> posts = new ArrayList<>();
    for (int n = 0; n < 10_000; n++) {
      posts.add(
          subjects[random.nextInt(subjects.length)]
              + space
              + predicates[random.nextInt(predicates.length)]
              + space
              + "#"
              + n);
    }
    return posts;
  }

  private static List<String> interleave(List<String> a, List<String> b) {
    List<String> mixed = new ArrayList<>(a.size() + b.size());
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      mixed.add(a.get(i));
      mixed.add(b.get(i));
    }
    return mixed;
  }
}
