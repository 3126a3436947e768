package io.parley.connectors.wechat;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Reads and writes the flat XML documents of WeChat's callbacks, with external entities off. */
final class WechatXml {

  private WechatXml() {}

  /** The child elements of {@code <xml>} by name; throws {@link IllegalArgumentException}. */
  static Map<String, String> read(byte[] body) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      Element root = builder.parse(new ByteArrayInputStream(body)).getDocumentElement();
      if (!"xml".equals(root.getNodeName())) {
        throw new IllegalArgumentException("the root element must be <xml>");
      }
      Map<String, String> fields = new LinkedHashMap<>();
      NodeList children = root.getChildNodes();
      for (int i = 0; i < children.getLength(); i++) {
        Node child = children.item(i);
        if (child.getNodeType() == Node.ELEMENT_NODE) {
          fields.put(child.getNodeName(), child.getTextContent().strip());
        }
      }
      return fields;
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
    }
  }

  /** A passive text reply (被动回复文本消息). */
  static String textReply(String to, String from, long createTime, String content) {
    return "<xml><ToUserName>"
        + cdata(to)
        + "</ToUserName><FromUserName>"
        + cdata(from)
        + "</FromUserName><CreateTime>"
        + createTime
        + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>"
        + cdata(content)
        + "</Content></xml>";
  }

  /** A passive reply in safe mode: the encrypted reply, its signature, timestamp and nonce. */
  static String encryptedReply(String encrypt, String signature, String timestamp, String nonce) {
    return "<xml><Encrypt>"
        + cdata(encrypt)
        + "</Encrypt><MsgSignature>"
        + cdata(signature)
        + "</MsgSignature><TimeStamp>"
        + timestamp
        + "</TimeStamp><Nonce>"
        + cdata(nonce)
        + "</Nonce></xml>";
  }

  private static String cdata(String value) {
    return "<![CDATA[" + (value == null ? "" : value.replace("]]>", "]]]]><![CDATA[>")) + "]]>";
  }
}
