package io.parley.connectors.support;

import static io.parley.shared.WebAddress.web;

import io.parley.channels.ConnectorAccount;
import io.parley.channels.InboundAttachment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fetches the files customers attach to their posts (a photo of the fault, a receipt), so that they
 * reach the case as attachments. Bounded: a file larger than {@code max-size} is refused from its
 * declared length or cut off at that many bytes, never held whole; each download has a timeout; at
 * most {@code max-files-per-post} files a post, and a budget of bytes and time per poll. Only http
 * and https, redirects included, and never a loopback, private or link-local address (unless {@code
 * allow-private-addresses}). Never throws: a file it cannot fetch is named in the post's text with
 * the reason (and logged), and the post goes on without it.
 *
 * <p>Connectors fetch media at once only for posts addressed to the brand ({@code Source.DIRECT}):
 * a listened post is classified after the connector hands it over, and most are dropped unmatched,
 * so it carries its media by reference ({@code InboundMessage.media}) and they are fetched ({@link
 * Batch#fetchReferenced}) only if it becomes a case.
 */
@Component
public class MediaDownloads {

  private static final Logger log = LoggerFactory.getLogger(MediaDownloads.class);
  private static final int MAX_REDIRECTS = 3;
  private static final String BUDGET_USED =
      "too many files at once (this poll's download budget is used up)";

  private final ConnectorsProperties.Media limits;
  private final HttpClient http;

  public MediaDownloads(ConnectorsProperties properties) {
    this.limits = properties.media();
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(limits.timeout())
            // Followed by hand: only to http(s), and an access token only to the first host.
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The largest file fetched, in bytes. */
  public long maxFileSize() {
    return limits.maxSize().toBytes();
  }

  /** The downloads of one poll, webhook call or fetch: they share one budget of bytes and time. */
  public Batch batch(ConnectorAccount account) {
    return new Batch(account, null);
  }

  /**
   * As {@link #batch(ConnectorAccount)}, for a network whose address the admin configured ({@code
   * networkBase}: a self-hosted Telegram Bot API server, the company's own Mastodon instance):
   * files on that origin may be on a private network. Any other host still may not.
   */
  public Batch batch(ConnectorAccount account, String networkBase) {
    URI trusted;
    try {
      trusted = networkBase == null ? null : URI.create(networkBase);
    } catch (IllegalArgumentException e) {
      trusted = null;
    }
    return new Batch(account, trusted != null && web(trusted) ? trusted : null);
  }

  /** What a post's media came to: the files fetched, and a line for each one that was not. */
  public record Fetched(List<InboundAttachment> attachments, List<String> notes) {

    public static final Fetched NONE = new Fetched(List.of(), List.of());

    public Fetched {
      attachments = List.copyOf(attachments);
      notes = List.copyOf(notes);
    }

    /** {@code message} with these files attached and the notes below its text (and HTML). */
    public io.parley.channels.InboundMessage applyTo(io.parley.channels.InboundMessage m) {
      return m.withFiles(attachments, notes);
    }
  }

  /** Downloads sharing one budget; used by one thread. */
  public final class Batch {

    private final ConnectorAccount account;
    private final URI trusted;
    private long bytesLeft = limits.maxBytesPerPoll().toBytes();
    private long nanosLeft = limits.maxTimePerPoll().toNanos();

    private Batch(ConnectorAccount account, URI trusted) {
      this.account = account;
      this.trusted = trusted;
    }

    /**
     * This batch, given at most {@code limit} for all its downloads: for a network that waits only
     * so long for its webhook's answer (WeChat: five seconds), shorter than a poll's budget.
     */
    public Batch within(Duration limit) {
      if (limit.compareTo(Duration.ofNanos(nanosLeft)) < 0) {
        nanosLeft = Math.max(0, limit.toNanos());
      }
      return this;
    }

    /**
     * The posts with the files they carry by reference ({@link
     * io.parley.channels.InboundMessage#media()}) fetched: attached, or named in their text.
     */
    public List<io.parley.channels.InboundMessage> fetchReferenced(
        List<io.parley.channels.InboundMessage> posts) {
      return posts.stream()
          .map(p -> fetch(p.externalId(), PostMedia.of(p.media())).applyTo(p))
          .toList();
    }

    /** Fetches the files of post {@code post} (its network id, for the log). */
    public Fetched fetch(String post, List<PostMedia> media) {
      if (media == null || media.isEmpty()) {
        return Fetched.NONE;
      }
      List<InboundAttachment> files = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      int tried = 0;
      for (PostMedia item : media) {
        if (item instanceof PostMedia.Link link) {
          notes.add("[" + link.label() + (link.link() == null ? "" : ": " + link.link()) + "]");
          continue;
        }
        String name;
        String link;
        String refusal;
        if (item instanceof PostMedia.Missing missing) {
          name = missing.fileName();
          link = missing.link();
          refusal = missing.reason();
        } else {
          PostMedia.File file = (PostMedia.File) item;
          name = file.fileName();
          link = file.link();
          if (tried >= limits.maxFilesPerPost()) {
            refusal = "more than " + limits.maxFilesPerPost() + " files in one post";
          } else if (bytesLeft <= 0 || nanosLeft <= 0) {
            refusal = BUDGET_USED;
          } else {
            tried++;
            Got got = download(file);
            refusal = got.refusal();
            if (refusal == null) {
              files.add(new InboundAttachment(name, got.contentType(), got.bytes(), null));
              continue;
            }
          }
        }
        log.warn("{}: {} of post {} not downloaded: {}", account, name, post, refusal);
        notes.add(io.parley.channels.InboundMessage.notDownloaded(name, refusal, link));
      }
      return new Fetched(files, notes);
    }

    private Got download(PostMedia.File file) {
      long started = System.nanoTime();
      try {
        long max = Math.min(maxFileSize(), bytesLeft);
        String tooLarge = max < maxFileSize() ? BUDGET_USED : "larger than " + size(max);
        long nanos = Math.min(limits.timeout().toNanos(), nanosLeft);
        Got got = MediaDownloads.this.download(file, max, tooLarge, nanos, trusted);
        if (got.bytes() != null) {
          bytesLeft -= got.bytes().length;
        }
        return got;
      } finally {
        nanosLeft -= System.nanoTime() - started;
      }
    }
  }

  /** A download's bytes and declared type, or why there are none. */
  private record Got(byte[] bytes, String contentType, String refusal) {
    static Got refused(String reason) {
      return new Got(null, null, reason);
    }
  }

  private Got download(PostMedia.File file, long max, String tooLarge, long nanos, URI trusted) {
    long deadline = System.nanoTime() + nanos;
    URI first;
    try {
      first = URI.create(file.url());
    } catch (IllegalArgumentException | NullPointerException e) {
      return Got.refused("not a valid address");
    }
    if (!web(first)) {
      return Got.refused("not an http(s) address");
    }
    URI uri = first;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return Got.refused("timed out");
      }
      boolean allowed =
          limits.allowPrivateAddresses() || (trusted != null && sameOrigin(uri, trusted));
      String inside = allowed ? null : insideAddress(uri);
      if (inside != null) {
        return Got.refused(inside);
      }
      var request =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofNanos(left))
              .header("User-Agent", "Parley")
              .GET();
      if (sameOrigin(uri, first)) {
        file.headers().forEach(request::header);
      }
      AtomicReference<Capped> body = new AtomicReference<>();
      CompletableFuture<HttpResponse<Body>> sent =
          http.sendAsync(
              request.build(),
              info -> {
                Capped capped = Capped.of(info, max, tooLarge);
                body.set(capped);
                return capped;
              });
      int status;
      HttpHeaders headers;
      Body got;
      try {
        HttpResponse<Body> response = sent.get(left, TimeUnit.NANOSECONDS);
        status = response.statusCode();
        headers = response.headers();
        got = response.body();
      } catch (TimeoutException e) {
        sent.cancel(true);
        if (body.get() != null) {
          body.get().cancel();
        }
        return Got.refused("timed out");
      } catch (ExecutionException e) {
        // A body given up on purpose (not a 200, too large) fails the exchange: what was seen
        // before says why.
        Capped given = body.get();
        if (given == null || given.refused == null) {
          return Got.refused(reason(e.getCause()));
        }
        status = given.info.statusCode();
        headers = given.info.headers();
        got = new Body(null, given.refused);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        sent.cancel(true);
        return Got.refused("interrupted");
      }
      if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
        URI next;
        try {
          next = uri.resolve(headers.firstValue("Location").orElseThrow());
        } catch (RuntimeException e) {
          return Got.refused("HTTP " + status + " without a valid Location");
        }
        if (!web(next)) {
          return Got.refused("redirected to a non-http(s) address");
        }
        if (uri.getScheme().equalsIgnoreCase("https")
            && next.getScheme().equalsIgnoreCase("http")) {
          return Got.refused("redirected from https to plain http");
        }
        uri = next;
        continue;
      }
      if (status != 200) {
        return Got.refused("HTTP " + status);
      }
      if (got.refusal() != null) {
        return Got.refused(got.refusal());
      }
      if (got.bytes().length == 0) {
        return Got.refused("empty file");
      }
      String type =
          headers
              .firstValue("Content-Type")
              .map(t -> t.split(";")[0].strip().toLowerCase(Locale.ROOT))
              .filter(t -> !t.isEmpty())
              .orElse("application/octet-stream");
      return new Got(got.bytes(), type, null);
    }
    return Got.refused("more than " + MAX_REDIRECTS + " redirects");
  }

  /**
   * Why {@code uri}'s host must not be fetched from (it resolves to a loopback, private,
   * link-local, multicast or unique-local address: the company's own network, a cloud metadata
   * service), or null when it may.
   */
  static String insideAddress(URI uri) {
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(uri.getHost());
    } catch (UnknownHostException e) {
      return "unknown host";
    }
    for (InetAddress a : addresses) {
      if (inside(a)) {
        return "a private or local network address";
      }
    }
    return null;
  }

  private static boolean inside(InetAddress a) {
    if (a.isLoopbackAddress()
        || a.isSiteLocalAddress()
        || a.isLinkLocalAddress()
        || a.isAnyLocalAddress()
        || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (b.length == 4) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return (first == 100 && second >= 64 && second < 128) // shared (carrier NAT; Alibaba Cloud's
          // metadata service is 100.100.100.200)
          || (first == 198 && (second == 18 || second == 19)) // benchmarking
          || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
          || first >= 240 // reserved
          || first == 0;
    }
    if ((b[0] & 0xfe) == 0xfc) {
      return true; // unique local fc00::/7
    }
    // An IPv4 address inside an IPv6 one: NAT64 64:ff9b::/96 and 6to4 2002::/16.
    boolean nat64 =
        b[0] == 0x00
            && b[1] == 0x64
            && b[2] == (byte) 0xff
            && b[3] == (byte) 0x9b
            && zero(b, 4, 12);
    if (nat64) {
      return inside4(b[12], b[13], b[14], b[15]);
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
      return inside4(b[2], b[3], b[4], b[5]);
    }
    return false;
  }

  private static boolean inside4(byte a, byte b, byte c, byte d) {
    try {
      return inside(InetAddress.getByAddress(new byte[] {a, b, c, d}));
    } catch (UnknownHostException e) {
      return true;
    }
  }

  private static boolean zero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && a.getPort() == b.getPort();
  }

  /** Why a download failed, without the exception's text (it may repeat the URL). */
  private static String reason(Throwable failure) {
    if (failure instanceof HttpTimeoutException) {
      return "timed out";
    }
    if (failure instanceof ConnectException) {
      return "unreachable";
    }
    if (failure instanceof IOException) {
      return "network failure (" + failure.getClass().getSimpleName() + ")";
    }
    return "failed (" + (failure == null ? "unknown" : failure.getClass().getSimpleName()) + ")";
  }

  public static String size(long bytes) {
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MB";
    }
    if (bytes >= 1024 && bytes % 1024 == 0) {
      return bytes / 1024 + " KB";
    }
    return bytes + " bytes";
  }

  /** A response body: its bytes, or why they were not read. */
  private record Body(byte[] bytes, String refusal) {}

  /**
   * Reads a body up to {@code max} bytes and gives up past them; reads nothing of a response that
   * is not a 200 or whose declared length is already too large. {@code refused} says why it gave
   * up.
   */
  private static final class Capped implements HttpResponse.BodySubscriber<Body> {

    final HttpResponse.ResponseInfo info;
    private final long max;
    private final String tooLarge;
    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private volatile Flow.Subscription subscription;
    volatile String refused;

    private Capped(HttpResponse.ResponseInfo info, long max, String tooLarge) {
      this.info = info;
      this.max = max;
      this.tooLarge = tooLarge;
    }

    static Capped of(HttpResponse.ResponseInfo info, long max, String tooLarge) {
      Capped capped = new Capped(info, max, tooLarge);
      if (info.statusCode() != 200) {
        capped.refused = "HTTP " + info.statusCode();
      } else {
        OptionalLong declared = info.headers().firstValueAsLong("Content-Length");
        if (declared.isPresent() && declared.getAsLong() > max) {
          capped.refused = tooLarge;
        }
      }
      return capped;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      if (refused != null) {
        giveUp(refused);
      } else {
        subscription.request(1);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer item : items) {
        if (bytes.size() + (long) item.remaining() > max) {
          giveUp(tooLarge);
          return;
        }
        byte[] chunk = new byte[item.remaining()];
        item.get(chunk);
        bytes.write(chunk, 0, chunk.length);
      }
      subscription.request(1);
    }

    @Override
    public void onError(Throwable failure) {
      result.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
      result.complete(new Body(bytes.toByteArray(), null));
    }

    @Override
    public CompletionStage<Body> getBody() {
      return result;
    }

    void cancel() {
      giveUp("timed out");
    }

    private void giveUp(String reason) {
      refused = reason;
      result.complete(new Body(null, reason));
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }
  }
}
