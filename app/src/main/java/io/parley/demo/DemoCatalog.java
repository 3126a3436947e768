package io.parley.demo;

import io.parley.customers.SocialIdentityData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The names, places and conversations the demo company is made of. */
final class DemoCatalog {

  static final List<String> USERNAMES =
      List.of("admin", "zhou.min", "li.na", "sam.taylor", "fixit.partner", "wang.jun");

  private static final String[] CHINESE_NAMES = {
    "王军", "李伟", "张敏", "刘洋", "陈静", "杨帆", "赵磊", "黄丽", "周杰", "吴婷", "徐明", "孙悦", "马超",
    "朱琳", "胡斌", "郭佳", "何欣", "林峰", "高翔", "罗晶", "郑凯", "梁雪", "谢涛", "宋雨", "唐宁", "王军",
    "韩梅", "冯磊", "曹阳", "王军"
  };
  private static final String[] PINYIN = {
    "wangjun",
    "liwei",
    "zhangmin",
    "liuyang",
    "chenjing",
    "yangfan",
    "zhaolei",
    "huangli",
    "zhoujie",
    "wuting",
    "xuming",
    "sunyue",
    "machao",
    "zhulin",
    "hubin",
    "guojia",
    "hexin",
    "linfeng",
    "gaoxiang",
    "luojing",
    "zhengkai",
    "liangxue",
    "xietao",
    "songyu",
    "tangning",
    "wang.jun",
    "hanmei",
    "fenglei",
    "caoyang",
    "jun.wang"
  };
  private static final String[] CHINESE_CITIES = {
    "北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "南京", "西安", "重庆"
  };
  private static final String[] ENGLISH_NAMES = {
    "Emma Johnson",
    "Liam Smith",
    "Olivia Brown",
    "Noah Davis",
    "Ava Wilson",
    "James Miller",
    "Sophia Moore",
    "Lucas Taylor",
    "Mia Anderson",
    "Ethan Thomas",
    "Isabella Martin",
    "Mason White",
    "Charlotte Harris",
    "Logan Clark",
    "Amelia Lewis",
    "Jack Walker",
    "Harper Hall",
    "Henry Young",
    "Evelyn King",
    "Daniel Wright"
  };
  private static final String[] ENGLISH_CITIES = {
    "London", "Manchester", "New York", "Toronto", "Sydney", "Singapore", "Dublin", "Seattle"
  };
  private static final String[] ENGLISH_COUNTRIES = {
    "GB", "GB", "US", "CA", "AU", "SG", "IE", "US"
  };

  private DemoCatalog() {}

  record Person(
      String name,
      String language,
      String email,
      String phone,
      String street,
      String city,
      String postalCode,
      String country,
      List<SocialIdentityData> identities) {}

  record Topic(String subject, String message, String reply, String note, String followUp) {}

  /** The i-th demo customer: the first 30 are Chinese (three of them named 王军), then English. */
  static Person person(int i, Random random) {
    List<SocialIdentityData> identities = new ArrayList<>();
    if (i < CHINESE_NAMES.length) {
      String name = CHINESE_NAMES[i];
      String pinyin = PINYIN[i];
      String city = CHINESE_CITIES[i % CHINESE_CITIES.length];
      identities.add(
          new SocialIdentityData(
              "weibo",
              String.valueOf(5_000_000_000L + i * 7919L),
              pinyin + (i % 3 == 0 ? "" : String.valueOf(1980 + i)),
              name,
              "https://weibo.com/u/" + (5_000_000_000L + i * 7919L),
              "生活在" + city + "。",
              (long) random.nextInt(5000)));
      if (i % 2 == 0) {
        identities.add(
            new SocialIdentityData(
                "wechat",
                "oAcme" + Integer.toHexString(0x10000 + i * 977),
                null,
                name,
                null,
                null,
                null));
      }
      return new Person(
          name,
          "zh-CN",
          pinyin + "." + (i + 10) + "@example.cn",
          String.format("+86 13%d %04d %04d", i % 10, 1000 + i * 37, 2000 + i * 53),
          (i % 7 + 1) + "号 " + (i % 2 == 0 ? "人民路" : "解放大道") + " " + (10 + i) + "号楼",
          city,
          String.format("%06d", 100000 + i * 1111),
          "CN",
          identities);
    }
    int e = i - CHINESE_NAMES.length;
    String name = ENGLISH_NAMES[e % ENGLISH_NAMES.length];
    String handle = name.toLowerCase().replace(' ', '_');
    identities.add(
        new SocialIdentityData(
            "x",
            String.valueOf(1_400_000_000_000_000_000L + e * 104729L),
            handle,
            name,
            "https://x.com/" + handle,
            "Coffee, code and gadgets.",
            (long) random.nextInt(20000)));
    if (e % 3 == 0) {
      identities.add(
          new SocialIdentityData(
              "mastodon",
              "10" + (900000 + e * 31),
              handle + "@mastodon.social",
              name,
              "https://mastodon.social/@" + handle,
              null,
              (long) random.nextInt(800)));
    }
    String city = ENGLISH_CITIES[e % ENGLISH_CITIES.length];
    return new Person(
        name,
        "en",
        handle.replace('_', '.') + "@example.com",
        String.format("+44 7700 9%05d", e * 137),
        (e + 12) + " High Street",
        city,
        String.format("%05d", 10000 + e * 311),
        ENGLISH_COUNTRIES[e % ENGLISH_COUNTRIES.length],
        identities);
  }

  static Topic topic(boolean home, boolean chinese, Random random) {
    Topic[] topics = home ? (chinese ? HOME_ZH : HOME_EN) : (chinese ? MOBILE_ZH : MOBILE_EN);
    return topics[random.nextInt(topics.length)];
  }

  private static final Topic[] MOBILE_ZH = {
    new Topic(
        "蓝牙无法连接车载系统",
        "新买的Acme X12手机蓝牙无法连接车载系统，重启了好几次还是不行，怎么办？",
        "您好，很抱歉给您带来不便。请在设置→蓝牙中忽略该设备后重新配对，并确认系统已更新到最新版本。",
        "已知问题：X12 固件 3.2.1 与部分车机兼容性差，已升级给二线。",
        "按你们说的做了，现在可以连接了，谢谢！"),
    new Topic(
        "屏幕闪烁",
        "手机屏幕一直闪烁，亮度调低的时候特别明显，还在保修期内吗？",
        "您好，屏幕闪烁可能与低亮度 PWM 调光有关，您的设备仍在保修期内，我们可以为您安排检测。",
        "客户为金牌会员，优先安排上门取件。",
        "好的，请安排取件，地址不变。"),
    new Topic(
        "订单还没发货",
        "我三天前下的订单 AC20261102-8831 还没有发货，什么时候能到？",
        "您好，已为您查询，订单已在今天出库，预计两天内送达。",
        "仓库延迟，原因是华东仓库存调拨。",
        "收到了，谢谢。"),
    new Topic(
        "充电很慢",
        "用原装充电器充电特别慢，充满要四个小时，是电池有问题吗？",
        "您好，请确认使用的是原装线缆并关闭后台耗电应用；如仍然很慢，我们可以远程检测电池健康度。",
        "可能是快充协议识别失败。",
        "换了根线就好了。"),
    new Topic(
        "无法连接WiFi",
        "升级系统后手机无法连接家里的WiFi，其他设备都正常。",
        "您好，请尝试在WiFi设置中忘记该网络后重新输入密码连接，或重置网络设置。",
        "3.3 版本升级后有少量类似反馈，已记录。",
        "重置网络设置后正常了。")
  };

  private static final Topic[] MOBILE_EN = {
    new Topic(
        "Screen flickering after update",
        "Since the last update my Acme X12 screen keeps flickering at low brightness. Is this a known issue?",
        "Hi, sorry about that. It is a known issue with firmware 3.3.0; version 3.3.1 fixes it and is rolling out this week.",
        "Linked to engineering ticket FW-2231.",
        "Updated to 3.3.1 and the flickering is gone. Thanks!"),
    new Topic(
        "Cannot connect to Bluetooth headphones",
        "My phone cannot connect to my Bluetooth headphones anymore. I tried restarting both.",
        "Hi, please remove the headphones under Settings → Bluetooth and pair them again. Let us know if it still fails.",
        "Customer tried the usual steps already; escalate if pairing fails again.",
        "Re-pairing worked, thanks for the quick help."),
    new Topic(
        "Where is my order?",
        "I ordered an Acme X12 a week ago (order AC20261030-1177) and the tracking has not moved.",
        "Hi, I checked with the carrier: your parcel is at the local depot and will be delivered tomorrow.",
        "Carrier delay in the north-west region.",
        "Got it today, thanks."),
    new Topic(
        "Battery drains overnight",
        "Battery goes from 80% to 20% overnight with the screen off. Is my battery faulty?",
        "Hi, this is usually an app keeping the phone awake. Could you send a screenshot of Settings → Battery usage?",
        "Possibly the sync bug in the mail app.",
        "It was the mail app, all good now."),
    new Topic(
        "Warranty repair request",
        "The charging port is loose and the phone only charges at an angle. It's 8 months old.",
        "Hi, that is covered by your warranty. I have booked a free repair; a courier will collect the phone.",
        "Authorized service center: FixIt.",
        "Courier came this morning.")
  };

  private static final Topic[] HOME_ZH = {
    new Topic(
        "扫地机器人无法连接APP",
        "Acme 扫地机器人一直显示离线，APP 无法连接，路由器是双频的。",
        "您好，扫地机器人仅支持 2.4GHz 网络，请在路由器中开启 2.4GHz 后重新配网。",
        "常见配网问题，可加入知识库。",
        "切到 2.4G 后连上了。"),
    new Topic(
        "空气净化器噪音大",
        "空气净化器用了一个月，最近噪音特别大，像有东西在刮。",
        "您好，可能是滤网安装不到位，请重新安装滤网；如仍有异响，我们安排上门检修。",
        "可能是风扇轴承问题，需备件。",
        "重新装了滤网还是响，麻烦安排上门。"),
    new Topic(
        "退货申请",
        "收到的电饭煲外壳有裂痕，申请退货。",
        "您好，非常抱歉，我们已为您创建退货单，快递员将在 24 小时内上门取件。",
        "物流破损，向承运商索赔。",
        "已经寄回了。")
  };

  private static final Topic[] HOME_EN = {
    new Topic(
        "Robot vacuum keeps going offline",
        "My Acme robot vacuum goes offline every evening and the app says the device is unreachable.",
        "Hi, please make sure the vacuum is on the 2.4 GHz band and that the router does not change channels at night.",
        "Router band steering is the usual cause.",
        "Disabled band steering and it stays online now."),
    new Topic(
        "Air purifier filter replacement",
        "How often should I replace the filter of the Acme Air 300, and where can I buy one?",
        "Hi, every 6 to 12 months depending on use. You can order genuine filters in our online store.",
        "Upsell: filter subscription.",
        "Thanks, ordered two."),
    new Topic(
        "Smart plug not responding",
        "Two of my Acme smart plugs stopped responding after the app update.",
        "Hi, please hold the button for 10 seconds to reset the plug and add it again in the app.",
        "App 5.2 regression suspected, reported to the app team.",
        "Reset worked for one plug, the other is still dead.")
  };
}
