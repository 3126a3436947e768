package io.parley.connectors.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Safe mode's encryption against results Parley did not compute: the vectors of WeChat's own
 * WXBizMsgCrypt samples (see resources/connectors/wechat/README.md) and messages encrypted by
 * openssl (safe_mode_fixtures.sh).
 */
class WechatCipherTests {

  // WeChat's Java sample, WXBizMsgCryptTest.testAesEncrypt and testAesEncrypt2: fixed random bytes.
  static final String SAMPLE_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  static final String SAMPLE_APP_ID = "wxb11529c136998cb6";
  static final byte[] SAMPLE_RANDOM = "aaaabbbbccccdddd".getBytes(StandardCharsets.US_ASCII);
  static final String SAMPLE_MESSAGE = "我是中文abcd123";
  static final String SAMPLE_ENCRYPTED =
      "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==";
  static final String SAMPLE_MESSAGE_2 =
      "<xml><ToUserName><![CDATA[oia2Tj我是中文jewbmiOUlr6X-1crbLOvLw]]></ToUserName>"
          + "<FromUserName><![CDATA[gh_7f083739789a]]></FromUserName>"
          + "<CreateTime>1407743423</CreateTime><MsgType><![CDATA[video]]></MsgType><Video>"
          + "<MediaId><![CDATA[eYJ1MbwPRJtOvIEabaxHs7TX2D-HV71s79GUxqdUkjm6Gs2Ed1KF3ulAOA9H1xG0]]>"
          + "</MediaId><Title><![CDATA[testCallBackReplyVideo]]></Title>"
          + "<Description><![CDATA[testCallBackReplyVideo]]></Description></Video></xml>";
  static final String SAMPLE_ENCRYPTED_2 =
      "jn1L23DB+6ELqJ+6bruv23M2GmYfkv0xBh2h+XTBOKVKcgDFHle6gqcZ1cZrk3e1qjPQ1F4RsLWzQRG9udbKWesx"
          + "lkupqcEcW7ZQweImX9+wLMa0GaUzpkycA8+IamDBxn5loLgZpnS7fVAbExOkK5DYHBmv5tptA9tklE/fTIIL"
          + "HR8HLXa5nQvFb3tYPKAlHF3rtTeayNf0QuM+UW/wM9enGIDIJHF7CLHiDNAYxr+r+OrJCmPQyTy8cVWlu9iS"
          + "vOHPT/77bZqJucQHQ04sq7KZI27OcqpQNSto2OdHCoTccjggX5Z9Mma0nMJBU+jLKJ38YB1fBIz+vBzsYjrT"
          + "mFQ44YfeEuZ+xRTQwr92vhA9OxchWVINGC50qE/6lmkwWTwGX9wtQpsJKhP+oS7rvTY8+VdzETdfakjkwQ5/"
          + "Xka042OlUb1/slTwo4RscuQ+RdxSGvDahxAJ6+EAjLt9d8igHngxIbf6YyqqROxuxqIeIch3CssH/LqRs+iA"
          + "cILvApYZckqmA7FNERspKA5f8GoJ9sv8xmGvZ9Yrf57cExWtnX8aCMMaBropU/1k+hKP5LVdzbWCG0hGwx/d"
          + "QudYR/eXp3P0XxjlFiy+9DMlaFExWUZQDajPkdPrEeOwofJb";

  /** The key of the test account's fixtures made with openssl (safe_mode_fixtures.sh). */
  static final String ACME_KEY = "AcmeMobileSafeMode2026EncodingAESKey0123456";

  final WechatCipher sample = new WechatCipher(SAMPLE_KEY);

  @Test
  void encryptsExactlyAsWechatsSamplesDo() {
    assertThat(sample.encrypt(SAMPLE_MESSAGE, SAMPLE_APP_ID, SAMPLE_RANDOM))
        .isEqualTo(SAMPLE_ENCRYPTED);
    assertThat(sample.encrypt(SAMPLE_MESSAGE_2, SAMPLE_APP_ID, SAMPLE_RANDOM))
        .isEqualTo(SAMPLE_ENCRYPTED_2);
  }

  @Test
  void decryptsWechatsSamplesAndNamesTheAppIdTheyAreFor() {
    WechatCipher.Decrypted short_ = sample.decrypt(SAMPLE_ENCRYPTED);
    assertThat(short_.failure()).isNull();
    assertThat(short_.message()).isEqualTo(SAMPLE_MESSAGE);
    assertThat(short_.appId()).isEqualTo(SAMPLE_APP_ID);
    assertThat(sample.decrypt(SAMPLE_ENCRYPTED_2).message()).isEqualTo(SAMPLE_MESSAGE_2);

    // WeChat's Python sample: the message a follower sent in compatible mode.
    WechatCipher.Decrypted pushed = sample.decrypt(encryptOf("safe_mode_sample.xml"));
    assertThat(pushed.appId()).isEqualTo("wx2c2769f8efd9abc2");
    assertThat(pushed.message())
        .startsWith("<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>")
        .contains("<Content><![CDATA[abcdteT]]></Content>")
        .endsWith("</xml>");
  }

  @Test
  void decryptsWhatOpensslEncrypted() {
    WechatCipher.Decrypted decrypted =
        new WechatCipher(ACME_KEY).decrypt(encryptOf("safe_mode_text.xml"));
    assertThat(decrypted.failure()).isNull();
    assertThat(decrypted.appId()).isEqualTo("wxacme0000000001");
    assertThat(decrypted.message())
        .contains("<Content><![CDATA[安全模式：X12 充电很慢，正常吗？请尽快回复，谢谢！]]></Content>")
        .endsWith("<MsgId>24451870000000021</MsgId></xml>");
  }

  @Test
  void padsTo32BytesAsOpensslWasToldTo() {
    // WeChat's vectors end with padding under 16 bytes, which padding to AES's 16-byte block would
    // give too; this fixture needs 20 bytes of padding, which only padding to 32 bytes gives.
    WechatCipher acme = new WechatCipher(ACME_KEY);
    String fixture = encryptOf("safe_mode_text.xml");
    String message = acme.decrypt(fixture).message();
    byte[] random = "AcmeRandomBytes1".getBytes(StandardCharsets.US_ASCII);
    assertThat(acme.encrypt(message, "wxacme0000000001", random)).isEqualTo(fixture);
  }

  @Test
  void refusesCorruptedPadding() {
    // openssl encrypted zero bytes where PKCS#7 padding belongs.
    WechatCipher.Decrypted zeros =
        new WechatCipher(ACME_KEY).decrypt(encryptOf("safe_mode_bad_padding.xml"));
    assertThat(zeros.failure()).contains("invalid padding (last byte 0)");
    assertThat(zeros.message()).isNull();

    // WeChat's sample with one bit flipped in the last byte of the second-to-last block: in CBC
    // that flips the same bit of the last plaintext byte, so its padding 7 reads as 6 while the
    // bytes before it still say 7 (a decryption that only reads the last byte would accept it).
    byte[] flipped = Base64.getDecoder().decode(SAMPLE_ENCRYPTED);
    flipped[flipped.length - 17] ^= 0x01;
    WechatCipher.Decrypted damaged = sample.decrypt(Base64.getEncoder().encodeToString(flipped));
    assertThat(damaged.failure()).contains("invalid padding (its 6 bytes differ)");
    assertThat(damaged.message()).isNull();
  }

  @Test
  void refusesWhatIsNotAnEncryptedMessage() {
    assertThat(sample.decrypt("not base64!").failure()).contains("not Base64");
    assertThat(sample.decrypt("").failure()).contains("0 bytes");
    assertThat(sample.decrypt(Base64.getEncoder().encodeToString(new byte[40])).failure())
        .contains("40 bytes");
    // The right shape under another account's key.
    assertThat(new WechatCipher(ACME_KEY).decrypt(SAMPLE_ENCRYPTED).ok()).isFalse();
  }

  @Test
  void acceptsOnlyKeysShapedAsTheWechatAdminConsoleGivesThem() {
    assertThat(WechatCipher.isEncodingAesKey(SAMPLE_KEY)).isTrue();
    assertThat(WechatCipher.isEncodingAesKey(ACME_KEY)).isTrue();
    assertThat(WechatCipher.isEncodingAesKey(SAMPLE_KEY.substring(1))).isFalse();
    assertThat(WechatCipher.isEncodingAesKey(SAMPLE_KEY + "=")).isFalse();
    assertThat(WechatCipher.isEncodingAesKey(SAMPLE_KEY.replace('a', '='))).isFalse();
    assertThat(WechatCipher.isEncodingAesKey(null)).isFalse();
  }

  /** The Base64 text of a fixture's {@code Encrypt} element. */
  static String encryptOf(String fixture) {
    return encryptOf(WechatConnectorTests.payload(fixture));
  }

  static String encryptOf(byte[] body) {
    String xml = new String(body, StandardCharsets.UTF_8);
    Matcher encrypt = Pattern.compile("<Encrypt><!\\[CDATA\\[([^]]*)]]></Encrypt>").matcher(xml);
    assertThat(encrypt.find()).as("Encrypt in " + xml).isTrue();
    return encrypt.group(1);
  }
}
