package io.parley.integration.internal;

import io.parley.customers.CustomerSummary;
import io.parley.integration.OrderInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks the back-office system over HTTP and reads its JSON through the admin's mapping. Calls are
 * asynchronous with a connect timeout and a response timeout; a 404 means "no such order", any
 * other non-2xx status or unreadable answer is a failure.
 */
@Component
public class HttpBackOffice {

  private final JsonMapper json;
  private volatile HttpClient client;
  private volatile int clientConnectTimeout = -1;

  HttpBackOffice(JsonMapper json) {
    this.json = json;
  }

  public CompletableFuture<List<OrderInfo>> orders(BackOfficeSettings s, CustomerSummary c) {
    String path =
        fill(
            s.getOrdersPath(),
            Map.of(
                "email",
                c.emails().isEmpty() ? "" : c.emails().get(0),
                "phone",
                c.phones().isEmpty() ? "" : e164(c.phones().get(0)),
                "customerNumber",
                c.customerNumber(),
                "crmRef",
                ""));
    return get(s, path)
        .thenApply(
            body -> {
              if (body == null) {
                return List.of();
              }
              JsonNode list = at(body, s.getOrdersPointer());
              List<OrderInfo> orders = new ArrayList<>();
              if (list != null && list.isArray()) {
                for (JsonNode order : list.values()) {
                  orders.add(orderOf(s, order));
                }
              }
              return orders;
            });
  }

  public CompletableFuture<OrderInfo> order(BackOfficeSettings s, String number) {
    return get(s, fill(s.getOrderPath(), Map.of("orderNumber", number)))
        .thenApply(
            body -> {
              if (body == null) {
                return null;
              }
              // Systems that search ("orders?name=...") answer with a list: take the order asked
              // for.
              JsonNode list = at(body, s.getOrdersPointer());
              if (list != null && list.isArray()) {
                for (JsonNode order : list.values()) {
                  OrderInfo info = orderOf(s, order);
                  if (strip(number).equalsIgnoreCase(strip(info.number()))) {
                    return info;
                  }
                }
                return null;
              }
              return orderOf(s, body);
            });
  }

  public CompletableFuture<String> warrantyEnd(BackOfficeSettings s, String serial) {
    return get(s, fill(s.getAssetPath(), Map.of("serial", serial)))
        .thenApply(body -> body == null ? null : text(body, s.getWarrantyEndPointer()));
  }

  private OrderInfo orderOf(BackOfficeSettings s, JsonNode order) {
    List<String> items = new ArrayList<>();
    JsonNode list = at(order, s.getItemsPointer());
    if (list != null && list.isArray()) {
      for (JsonNode item : list.values()) {
        String name = item.isValueNode() ? item.asString() : text(item, s.getItemNamePointer());
        if (name != null) {
          items.add(name);
        }
      }
    }
    return new OrderInfo(
        text(order, s.getNumberPointer()),
        text(order, s.getStatusPointer()),
        text(order, s.getPlacedAtPointer()),
        items,
        text(order, s.getEmailPointer()),
        text(order, s.getPhonePointer()));
  }

  /** The JSON body of a 2xx answer; null for 404; fails otherwise. */
  private CompletableFuture<JsonNode> get(BackOfficeSettings s, String path) {
    URI uri;
    try {
      uri = URI.create(s.getBaseUrl().replaceAll("/+$", "") + path);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofMillis(s.getReadTimeoutMs()))
            .header("Accept", "application/json")
            .GET()
            .build();
    return client(s)
        .sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .thenApply(
            response -> {
              if (response.statusCode() == 404) {
                return null;
              }
              if (response.statusCode() / 100 != 2) {
                throw new CompletionException(
                    new IllegalStateException("back office answered " + response.statusCode()));
              }
              return json.readTree(response.body());
            });
  }

  private HttpClient client(BackOfficeSettings s) {
    if (client == null || clientConnectTimeout != s.getConnectTimeoutMs()) {
      synchronized (this) {
        if (client == null || clientConnectTimeout != s.getConnectTimeoutMs()) {
          client =
              HttpClient.newBuilder()
                  .connectTimeout(Duration.ofMillis(s.getConnectTimeoutMs()))
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .build();
          clientConnectTimeout = s.getConnectTimeoutMs();
        }
      }
    }
    return client;
  }

  private static JsonNode at(JsonNode node, String pointer) {
    if (pointer == null || pointer.isBlank()) {
      return node;
    }
    try {
      JsonNode found = node.at(pointer);
      return found == null || found.isMissingNode() || found.isNull() ? null : found;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String text(JsonNode node, String pointer) {
    JsonNode found = at(node, pointer);
    return found == null || !found.isValueNode() ? null : found.asString();
  }

  /** "#1001" and "1001" are one order number. */
  private static String strip(String number) {
    return number == null ? "" : number.replaceFirst("^#", "");
  }

  private static String e164(String phone) {
    return io.parley.customers.PhoneNumbers.e164(phone).orElse(phone);
  }

  static String fill(String template, Map<String, String> values) {
    String result = template == null ? "" : template;
    for (var e : values.entrySet()) {
      result =
          result.replace(
              "{" + e.getKey() + "}",
              URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return result;
  }
}
