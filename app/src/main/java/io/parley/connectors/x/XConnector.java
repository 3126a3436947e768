package io.parley.connectors.x;

import io.parley.channels.AccountSecrets;
import io.parley.channels.ChannelConnector;
import io.parley.channels.ConnectorAccount;
import io.parley.channels.ConnectorException;
import io.parley.channels.DeliveryResult;
import io.parley.channels.InboundAuthor;
import io.parley.channels.InboundMedia;
import io.parley.channels.InboundMessage;
import io.parley.channels.InboundMessage.Source;
import io.parley.channels.OutboundMessage;
import io.parley.channels.PollResult;
import io.parley.channels.TextLimit;
import io.parley.connectors.support.MediaDownloads;
import io.parley.connectors.support.PostMedia;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One X account. Polls {@code GET /2/users/:id/mentions} from the newest mention seen ({@code
 * since_id}) and {@code GET /2/dm_events} (events newer than the newest seen; the endpoint has no
 * since_id); posts replies with {@code POST /2/tweets} and direct messages with {@code POST
 * /2/dm_conversations/with/:participant_id/messages}; streams {@code GET /2/tweets/search/stream}
 * as listened posts. A 429 becomes a wait until {@code x-rate-limit-reset}. Direct message ids are
 * prefixed {@code dm:} so a public reply never answers one. The user token is renewed as {@link
 * XUserToken} says; a call X refused with it is made once more with the renewed one.
 *
 * <p>Mentions, direct messages and fetched parents ask for their media ({@code
 * expansions=attachments.media_keys}, read from {@code includes.media}) and fetch them as {@link
 * MediaDownloads} says: a photo from its {@code url}, of a video or GIF the {@code
 * preview_image_url} with a link to the post. Direct-message media are only named: X serves them
 * only to requests signed with OAuth 1.0a, which Parley does not hold. Streamed (listened) posts
 * ask for their media too but fetch nothing: most are dropped unmatched, so they carry them by
 * reference ({@link InboundMessage#media()}), fetched ({@link #fetchMedia}) only for a post that
 * becomes a case.
 *
 * <p>The cursor is {@code m=<newest mention id>;d=<newest direct message event id>}.
 */
class XConnector implements ChannelConnector {

  private static final Logger log = LoggerFactory.getLogger(XConnector.class);
  static final String DM = "dm:";
  private static final int MAX_PAGES = 5;
  private static final String TWEET_FIELDS =
      "tweet.fields=created_at,conversation_id,referenced_tweets,lang,author_id,in_reply_to_user_id,note_tweet,attachments";
  private static final String USER_FIELDS =
      "user.fields=username,name,description,public_metrics,verified";
  private static final String MEDIA_FIELDS = "media.fields=url,preview_image_url,type,alt_text";
  private static final java.util.Set<String> MEDIA_HOSTS =
      java.util.Set.of("ton.twitter.com", "ton.x.com");

  private final ConnectorAccount account;
  private final JsonMapper json;
  private final HttpClient http;
  private final XUserToken token;
  private final String base;
  private final boolean directMessages;
  private final boolean filteredStream;
  private final MediaDownloads media;
  private volatile Me me;
  private volatile InputStream openStream;
  private volatile boolean closed;

  XConnector(
      ConnectorAccount account,
      JsonMapper json,
      AccountSecrets secrets,
      Clock clock,
      MediaDownloads media) {
    this.account = account;
    this.json = json;
    this.media = media;
    String url = account.setting(XConnectorFactory.API_BASE_URL, "https://api.x.com").strip();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.directMessages = !"false".equals(account.setting(XConnectorFactory.DIRECT_MESSAGES));
    this.filteredStream = account.flag(XConnectorFactory.FILTERED_STREAM);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.token = new XUserToken(account, base, secrets, http, json, clock);
  }

  /** Who the token belongs to; {@code mention} finds "@username" in a text (null: no username). */
  private record Me(String id, String username, java.util.regex.Pattern mention) {

    Me(String id, String username) {
      this(
          id,
          username,
          username == null
              ? null
              : java.util.regex.Pattern.compile(
                  "(?<![\\w@])@" + java.util.regex.Pattern.quote(username) + "(?!\\w)",
                  java.util.regex.Pattern.CASE_INSENSITIVE));
    }
  }

  // ---------------------------------------------------------------- inbound

  @Override
  public PollResult poll(String cursor) {
    Map<String, String> position = parseCursor(cursor);
    Me self = me();
    List<InboundMessage> found = new ArrayList<>();
    Map<String, List<PostMedia>> files = new HashMap<>();
    String newestMention = mentions(self, position.get("m"), found, files);
    String newestDm = position.get("d");
    if (directMessages) {
      newestDm = directMessages(self, newestDm, found, files);
    }
    // Fetched once every page was read: a call failing later fails the poll, which would fetch
    // them all again.
    MediaDownloads.Batch downloads = media.batch(account);
    found.replaceAll(m -> withMedia(m, files, downloads));
    found.sort(Comparator.comparing(m -> snowflake(m.externalId())));
    Map<String, String> next = new LinkedHashMap<>();
    if (newestMention != null) {
      next.put("m", newestMention);
    }
    if (newestDm != null) {
      next.put("d", newestDm);
    }
    return new PollResult(found, formatCursor(next), false);
  }

  private String mentions(
      Me self, String sinceId, List<InboundMessage> into, Map<String, List<PostMedia>> files) {
    String newest = sinceId;
    String page = null;
    for (int i = 0; i < MAX_PAGES; i++) {
      StringBuilder url =
          new StringBuilder(base)
              .append("/2/users/")
              .append(self.id())
              .append("/mentions?max_results=100&expansions=author_id,attachments.media_keys&")
              .append(TWEET_FIELDS)
              .append('&')
              .append(USER_FIELDS)
              .append('&')
              .append(MEDIA_FIELDS);
      if (sinceId != null) {
        url.append("&since_id=").append(enc(sinceId));
      }
      if (page != null) {
        url.append("&pagination_token=").append(enc(page));
      }
      JsonNode root = get(url.toString(), "mentions");
      Map<String, JsonNode> users = users(root);
      Map<String, JsonNode> media = media(root);
      for (JsonNode tweet : array(root, "data", "mentions")) {
        tweet(tweet, users, self, Source.DIRECT, media, files).ifPresent(into::add);
      }
      JsonNode meta = root.path("meta");
      if (i == 0 && meta.path("newest_id").isString()) {
        newest = max(newest, meta.path("newest_id").asString());
      }
      // Without since_id (the first poll) one page is enough: older mentions are history.
      if (sinceId == null || !meta.path("next_token").isString()) {
        break;
      }
      page = meta.path("next_token").asString();
    }
    return newest;
  }

  private String directMessages(
      Me self, String after, List<InboundMessage> into, Map<String, List<PostMedia>> files) {
    String newest = after;
    String page = null;
    for (int i = 0; i < MAX_PAGES; i++) {
      StringBuilder url =
          new StringBuilder(base)
              .append("/2/dm_events?max_results=100&event_types=MessageCreate")
              .append(
                  "&dm_event.fields=id,text,event_type,dm_conversation_id,created_at,sender_id,attachments")
              .append("&expansions=sender_id,attachments.media_keys&")
              .append(USER_FIELDS)
              .append('&')
              .append(MEDIA_FIELDS);
      if (page != null) {
        url.append("&pagination_token=").append(enc(page));
      }
      JsonNode root = get(url.toString(), "direct messages");
      Map<String, JsonNode> users = users(root);
      Map<String, JsonNode> media = media(root);
      boolean reachedSeen = false;
      for (JsonNode event : array(root, "data", "direct messages")) {
        String id = text(event, "id");
        if (id == null) {
          continue;
        }
        if (after != null && snowflake(id).compareTo(snowflake(after)) <= 0) {
          reachedSeen = true; // newest first: the rest was seen before
          break;
        }
        newest = max(newest, id);
        if (!"MessageCreate".equals(text(event, "event_type"))
            || self.id().equals(text(event, "sender_id"))) {
          continue;
        }
        into.add(directMessage(event, users, media, files));
      }
      // The first poll takes one page; later polls page back until they reach what was seen.
      if (after == null || reachedSeen || !root.path("meta").path("next_token").isString()) {
        break;
      }
      page = root.path("meta").path("next_token").asString();
    }
    return newest;
  }

  @Override
  public Optional<InboundMessage> fetch(String externalId) {
    if (externalId == null || !externalId.matches("\\d{1,20}")) {
      return Optional.empty();
    }
    Me self = me();
    String url =
        base
            + "/2/tweets/"
            + externalId
            + "?expansions=author_id,attachments.media_keys&"
            + TWEET_FIELDS
            + '&'
            + USER_FIELDS
            + '&'
            + MEDIA_FIELDS;
    HttpResponse<String> response = asUser(url, HttpRequest.Builder::GET, "post");
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    JsonNode root = parse(ok(response, "post"), "post");
    JsonNode tweet = root.path("data");
    if (!tweet.isObject()) {
      return Optional.empty(); // deleted or protected: X answers 200 with "errors"
    }
    Map<String, List<PostMedia>> files = new HashMap<>();
    return tweet(tweet, users(root), self, Source.DIRECT, media(root), files)
        .map(m -> withMedia(m, files, media.batch(account)));
  }

  @Override
  public void stream(Consumer<InboundMessage> sink) {
    if (!filteredStream) {
      throw new UnsupportedOperationException("filtered stream is off for this account");
    }
    Me self = me();
    String url =
        base
            + "/2/tweets/search/stream?expansions=author_id,attachments.media_keys&"
            + TWEET_FIELDS
            + '&'
            + USER_FIELDS
            + '&'
            + MEDIA_FIELDS;
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Bearer " + account.setting(XConnectorFactory.APP_TOKEN))
            .header("User-Agent", "Parley")
            .GET()
            .build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new ConnectorException("X stream unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectorException("Interrupted while connecting to the X stream", e);
    }
    if (response.statusCode() != 200) {
      String body;
      try (InputStream in = response.body()) {
        body = new String(in.readNBytes(2000), StandardCharsets.UTF_8);
      } catch (IOException e) {
        body = "";
      }
      if (response.statusCode() == 401) {
        throw new ConnectorException(
            "X answered 401 reading filtered stream: "
                + detail(body)
                + " (renew the app bearer token)",
            null);
      }
      throw failure(response.statusCode(), response.headers(), body, "filtered stream");
    }
    try (InputStream in = response.body();
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      openStream = in;
      String line;
      while (!closed && (line = lines.readLine()) != null) {
        if (line.isBlank()) {
          continue; // keep-alive
        }
        JsonNode root;
        try {
          root = json.readTree(line);
        } catch (JacksonException e) {
          log.warn("X stream sent a malformed line on {}: {}", account, e.getOriginalMessage());
          continue;
        }
        JsonNode tweet = root.path("data");
        if (tweet.isObject() && !addressedTo(tweet, self)) {
          tweet(tweet, users(root), self, Source.LISTENED, media(root), null).ifPresent(sink);
        }
      }
    } catch (IOException e) {
      if (!closed) {
        throw new ConnectorException("X stream broke: " + e, e);
      }
    } finally {
      openStream = null;
    }
  }

  /**
   * Whether a streamed post mentions or answers the account: the mention poll brings it as the
   * brand's own (with its photos); taken from the stream first, as a listened post without them,
   * the poll's copy would be a duplicate and the photos lost.
   */
  private static boolean addressedTo(JsonNode tweet, Me self) {
    if (self.id().equals(text(tweet, "in_reply_to_user_id"))) {
      return true;
    }
    String text = text(tweet, "text");
    return text != null && self.mention() != null && self.mention().matcher(text).find();
  }

  /**
   * A post; its media go into {@code files} by its id, to be fetched later (null: a listened post,
   * which carries them by reference, fetched only if it becomes a case).
   */
  private Optional<InboundMessage> tweet(
      JsonNode tweet,
      Map<String, JsonNode> users,
      Me self,
      Source source,
      Map<String, JsonNode> media,
      Map<String, List<PostMedia>> files) {
    String id = text(tweet, "id");
    String authorId = text(tweet, "author_id");
    if (id == null || authorId == null || authorId.equals(self.id())) {
      return Optional.empty();
    }
    List<String> parents = new ArrayList<>();
    for (JsonNode ref : tweet.path("referenced_tweets")) {
      if ("replied_to".equals(text(ref, "type")) && text(ref, "id") != null) {
        parents.add(text(ref, "id"));
      }
    }
    String body = text(tweet.path("note_tweet"), "text");
    String lang = text(tweet, "lang");
    String link = "https://x.com/i/web/status/" + id;
    if (files != null) {
      files.put(id, media(tweet, media, link));
    }
    return Optional.of(
        new InboundMessage(
            id,
            text(tweet, "conversation_id"),
            parents,
            author(authorId, users.get(authorId)),
            null,
            body != null ? body : text(tweet, "text"),
            null,
            List.of(),
            true,
            instant(text(tweet, "created_at")),
            Map.of(),
            source,
            lang == null || "und".equals(lang) || "zxx".equals(lang) ? null : lang,
            files == null ? references(tweet, media, link) : List.of()));
  }

  private InboundMessage directMessage(
      JsonNode event,
      Map<String, JsonNode> users,
      Map<String, JsonNode> media,
      Map<String, List<PostMedia>> files) {
    String sender = text(event, "sender_id");
    String conversation = text(event, "dm_conversation_id");
    // A direct message's media are not public: there is no link an agent could open.
    files.put(DM + text(event, "id"), media(event, media, null));
    return new InboundMessage(
        DM + text(event, "id"),
        conversation == null ? null : DM + conversation,
        List.of(),
        sender == null ? null : author(sender, users.get(sender)),
        null,
        text(event, "text"),
        null,
        List.of(),
        false,
        instant(text(event, "created_at")),
        Map.of());
  }

  /** The message with its files fetched: attached, or named in its text. */
  private static InboundMessage withMedia(
      InboundMessage m, Map<String, List<PostMedia>> files, MediaDownloads.Batch downloads) {
    return downloads.fetch(m.externalId(), files.get(m.externalId())).applyTo(m);
  }

  /**
   * The media of a post or direct message ({@code attachments.media_keys} looked up in {@code
   * includes.media}, https://docs.x.com/x-api/fundamentals/data-dictionary/media): a photo's {@code
   * url}; of a video or animated GIF its {@code preview_image_url} (X gives no video file without
   * further fields, and clips outgrow the attachment limit), with {@code link} to see the clip.
   */
  private List<PostMedia> media(JsonNode owner, Map<String, JsonNode> media, String link) {
    List<PostMedia> found = new ArrayList<>();
    for (JsonNode item : mediaOf(owner, media)) {
      String type = text(item, "type");
      String url = text(item, "url");
      String preview = text(item, "preview_image_url");
      if ("photo".equals(type) && url != null) {
        found.add(file(url, PostMedia.nameOf(url, "photo.jpg"), link == null ? null : url));
      } else if (preview != null) {
        String label = "animated_gif".equals(type) ? "GIF" : "video";
        found.add(file(preview, "preview-" + PostMedia.nameOf(preview, "image.jpg"), link));
        found.add(new PostMedia.Link(label, link));
      }
    }
    return found;
  }

  /**
   * The media of a listened post, by reference (fetched only if it becomes a case): a photo's
   * {@code url}, of a video or GIF its {@code preview_image_url} with {@code link} to see the clip;
   * their {@code alt_text}.
   */
  private static List<InboundMedia> references(
      JsonNode tweet, Map<String, JsonNode> media, String link) {
    List<InboundMedia> found = new ArrayList<>();
    for (JsonNode item : mediaOf(tweet, media)) {
      String type = text(item, "type");
      String url = text(item, "url");
      String preview = text(item, "preview_image_url");
      String alt = text(item, "alt_text");
      if ("photo".equals(type) && url != null) {
        found.add(new InboundMedia("photo", url, url, alt));
      } else if (preview != null) {
        found.add(
            new InboundMedia("animated_gif".equals(type) ? "gif" : "video", preview, link, alt));
      }
    }
    return found;
  }

  /**
   * The items of {@code includes.media} that {@code owner}'s {@code attachments.media_keys} name.
   */
  private static List<JsonNode> mediaOf(JsonNode owner, Map<String, JsonNode> media) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode key : owner.path("attachments").path("media_keys")) {
      JsonNode item = key.isString() ? media.get(key.asString()) : null;
      if (item != null) {
        found.add(item);
      }
    }
    return found;
  }

  @Override
  public List<InboundMessage> fetchMedia(List<InboundMessage> posts, Duration within) {
    return media.batch(account).within(within).fetchReferenced(posts);
  }

  /**
   * A file to fetch, unless it is a direct message's: X serves those (on ton.twitter.com) only to
   * requests signed with OAuth 1.0a, which Parley does not hold
   * (https://developer.x.com/en/docs/direct-messages/message-attachments/guides/retrieving-media),
   * so the message names it for the agent to open in X. Public photos need no token.
   */
  private static PostMedia file(String url, String fileName, String link) {
    if (isDirectMessageMedia(url)) {
      return new PostMedia.Missing(fileName, null, DM_MEDIA);
    }
    return new PostMedia.File(url, fileName, link);
  }

  static final String DM_MEDIA =
      "X gives direct-message media only to OAuth 1.0a requests: open the conversation in X";

  private static boolean isDirectMessageMedia(String url) {
    try {
      String host = URI.create(url).getHost();
      return host != null && MEDIA_HOSTS.contains(host.toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Map<String, JsonNode> media(JsonNode root) {
    Map<String, JsonNode> media = new HashMap<>();
    for (JsonNode item : root.path("includes").path("media")) {
      String key = text(item, "media_key");
      if (key != null) {
        media.put(key, item);
      }
    }
    return media;
  }

  private static InboundAuthor author(String id, JsonNode user) {
    if (user == null) {
      return new InboundAuthor("x", id, null, null, null, null);
    }
    String username = text(user, "username");
    JsonNode followers = user.path("public_metrics").path("followers_count");
    return new InboundAuthor(
        "x",
        id,
        username,
        text(user, "name"),
        null,
        username == null ? null : "https://x.com/" + username,
        text(user, "description"),
        followers.isNumber() ? followers.asInt() : null);
  }

  // ---------------------------------------------------------------- outbound

  @Override
  public DeliveryResult send(OutboundMessage message) {
    String text = message.text() == null ? "" : message.text().strip();
    if (text.isEmpty()) {
      return DeliveryResult.failed("X refuses an empty reply");
    }
    TextLimit limit = message.publicReply() ? TextLimit.x() : TextLimit.codePoints(10_000);
    if (!limit.fits(text)) {
      return DeliveryResult.failed(
          "Reply too long for X: " + limit.length(text) + " of " + limit.max() + " (not cut)");
    }
    String url;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("text", text);
    if (message.publicReply()) {
      url = base + "/2/tweets";
      String inReplyTo = lastPost(message);
      if (inReplyTo != null) {
        body.put("reply", Map.of("in_reply_to_tweet_id", inReplyTo));
      }
    } else {
      String recipient = message.recipient();
      if (recipient == null || !recipient.matches("\\d{1,20}")) {
        return DeliveryResult.failed("No X user id to send a direct message to: " + recipient);
      }
      url = base + "/2/dm_conversations/with/" + recipient + "/messages";
    }
    String payload = json.writeValueAsString(body);
    HttpResponse<String> response;
    try {
      // A refused token (401) means X took nothing: sending again with the renewed one is safe.
      response =
          asUser(
              url,
              r ->
                  r.header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(payload)),
              "the reply");
    } catch (ConnectorException e) {
      if (e.getCause() instanceof IllegalArgumentException) {
        return DeliveryResult.failed("Invalid X API base URL");
      }
      // Unreachable, or the token could not be renewed: the reply waits, the error shows.
      return DeliveryResult.retry(e.getMessage(), e.retryAfter());
    }
    int status = response.statusCode();
    if (status == 200 || status == 201) {
      try {
        JsonNode data = json.readTree(response.body()).path("data");
        String id = message.publicReply() ? text(data, "id") : text(data, "dm_event_id");
        if (id != null) {
          return DeliveryResult.sent(message.publicReply() ? id : DM + id);
        }
      } catch (JacksonException e) {
        // fall through: X took it, but its answer cannot be read
      }
      return DeliveryResult.sent(message.idempotencyKey());
    }
    String error = "X answered " + status + ": " + detail(response.body());
    if (status == 429) {
      return DeliveryResult.retry(error, resetWait(response.headers()));
    }
    if (status >= 500 || status == 401) {
      // 401 even after renewing (or nothing to renew with): the reply waits for an admin.
      return DeliveryResult.retry(error, null);
    }
    return DeliveryResult.failed(error);
  }

  /** The newest post of the conversation (never a direct message): what a public reply answers. */
  private static String lastPost(OutboundMessage message) {
    if (message.inReplyTo() != null && !message.inReplyTo().startsWith(DM)) {
      return message.inReplyTo();
    }
    List<String> refs = message.references();
    for (int i = refs.size() - 1; i >= 0; i--) {
      if (refs.get(i) != null && refs.get(i).matches("\\d{1,20}")) {
        return refs.get(i);
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- HTTP

  private Me me() {
    Me known = me;
    if (known != null) {
      return known;
    }
    JsonNode data = get(base + "/2/users/me", "the account").path("data");
    String id = text(data, "id");
    if (id == null) {
      throw new ConnectorException("X did not say who the token belongs to (/2/users/me)", null);
    }
    me = new Me(id, text(data, "username"));
    return me;
  }

  private HttpRequest.Builder request(String url, String token) {
    try {
      return HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + token)
          .header("Accept", "application/json")
          .header("User-Agent", "Parley");
    } catch (IllegalArgumentException e) {
      throw new ConnectorException("Invalid X API base URL: " + base, e);
    }
  }

  private JsonNode get(String url, String what) {
    return parse(ok(asUser(url, HttpRequest.Builder::GET, what), what), what);
  }

  /**
   * Calls X with the account's user token; when X refuses the token (401) and it can be renewed,
   * once more with the renewed token. Throws {@link ConnectorException} when X is unreachable or
   * the token cannot be renewed.
   */
  private HttpResponse<String> asUser(
      String url, UnaryOperator<HttpRequest.Builder> method, String what) {
    String used = token.current();
    HttpResponse<String> response = call(method.apply(request(url, used)).build(), what);
    if (response.statusCode() == 401) {
      Optional<String> renewed = token.renewAfterRefusal(used);
      if (renewed.isPresent()) {
        response = call(method.apply(request(url, renewed.get())).build(), what);
        if (response.statusCode() == 401) {
          token.refusedAfterRenewal(renewed.get());
        }
      }
    }
    return response;
  }

  private HttpResponse<String> call(HttpRequest request, String what) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ConnectorException("X unreachable (" + what + "): " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectorException("Interrupted calling X (" + what + ")", e);
    }
  }

  private String ok(HttpResponse<String> response, String what) {
    if (response.statusCode() == 200) {
      return response.body();
    }
    throw failure(response.statusCode(), response.headers(), response.body(), what);
  }

  private ConnectorException failure(
      int status, java.net.http.HttpHeaders headers, String body, String what) {
    String message = "X answered " + status + " reading " + what + ": " + detail(body);
    if (status == 429) {
      return new ConnectorException(message, null, resetWait(headers));
    }
    if (status == 401 && token.renewable()) {
      return new ConnectorException(
          message + " (X refused the renewed access token too: reconnect the X account)", null);
    }
    if (status == 401) {
      return new ConnectorException(
          message
              + " (renew the access token, or give the account a refresh token and client ID so"
              + " Parley renews it)",
          null);
    }
    return new ConnectorException(message, null);
  }

  private JsonNode parse(String body, String what) {
    try {
      JsonNode root = json.readTree(body);
      if (root == null || !root.isObject()) {
        throw new ConnectorException("X sent a malformed answer for " + what, null);
      }
      return root;
    } catch (JacksonException e) {
      throw new ConnectorException(
          "X sent a malformed answer for " + what + ": " + e.getOriginalMessage(), e);
    }
  }

  /** X's problem detail ({@code detail} or {@code title}), else the start of the body. */
  private String detail(String body) {
    if (body == null || body.isBlank()) {
      return "(no body)";
    }
    try {
      JsonNode root = json.readTree(body);
      String detail = text(root, "detail");
      if (detail == null) {
        detail = text(root, "title");
      }
      if (detail == null && root.path("errors").isArray() && !root.path("errors").isEmpty()) {
        detail = text(root.path("errors").get(0), "message");
      }
      if (detail != null) {
        return detail;
      }
    } catch (JacksonException e) {
      // not JSON
    }
    return body.length() > 200 ? body.substring(0, 200) : body;
  }

  /** Until {@code x-rate-limit-reset} (epoch seconds); a minute when X does not say. */
  static Duration resetWait(java.net.http.HttpHeaders headers) {
    Optional<String> reset = headers.firstValue("x-rate-limit-reset");
    if (reset.isPresent() && reset.get().strip().matches("\\d{1,12}")) {
      Duration wait =
          Duration.between(
              Instant.now(), Instant.ofEpochSecond(Long.parseLong(reset.get().strip())));
      return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
    }
    return Duration.ofMinutes(1);
  }

  private List<JsonNode> array(JsonNode root, String field, String what) {
    JsonNode node = root.path(field);
    if (node.isMissingNode() || node.isNull()) {
      return List.of(); // no results: X leaves "data" out
    }
    if (!node.isArray()) {
      throw new ConnectorException("X sent a malformed answer for " + what, null);
    }
    List<JsonNode> items = new ArrayList<>();
    node.forEach(items::add);
    return items;
  }

  private static Map<String, JsonNode> users(JsonNode root) {
    Map<String, JsonNode> users = new HashMap<>();
    for (JsonNode user : root.path("includes").path("users")) {
      String id = text(user, "id");
      if (id != null) {
        users.put(id, user);
      }
    }
    return users;
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.path(field);
    if (value != null && (value.isString() || value.isNumber())) {
      String s = value.asString();
      return s.isBlank() ? null : s;
    }
    return null;
  }

  private static Instant instant(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static BigInteger snowflake(String id) {
    String digits = id.startsWith(DM) ? id.substring(DM.length()) : id;
    try {
      return new BigInteger(digits);
    } catch (NumberFormatException e) {
      return BigInteger.ZERO;
    }
  }

  private static String max(String a, String b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return snowflake(a).compareTo(snowflake(b)) >= 0 ? a : b;
  }

  private static Map<String, String> parseCursor(String cursor) {
    Map<String, String> position = new HashMap<>();
    if (cursor != null) {
      for (String part : cursor.split(";")) {
        int eq = part.indexOf('=');
        if (eq > 0 && part.substring(eq + 1).matches("\\d{1,20}")) {
          position.put(part.substring(0, eq), part.substring(eq + 1));
        }
      }
    }
    return position;
  }

  private static String formatCursor(Map<String, String> position) {
    if (position.isEmpty()) {
      return null;
    }
    StringBuilder s = new StringBuilder();
    position.forEach((k, v) -> s.append(s.isEmpty() ? "" : ";").append(k).append('=').append(v));
    return s.toString();
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    closed = true;
    InputStream in = openStream;
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
