package io.parley.customers;

import io.parley.customers.AssetImportResult.LineError;
import io.parley.customers.internal.Asset;
import io.parley.customers.internal.AssetRepository;
import io.parley.customers.internal.Customer;
import io.parley.customers.internal.CustomerRepository;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Products customers own: recorded one by one or imported from CSV, identified by serial number (a
 * serial seen again updates its asset, so an import can be run twice). Owning one makes a contact a
 * {@link Stage#CUSTOMER}.
 */
@Service
public class Assets {

  /** The CSV columns, in any order; {@code customer} is a customer number, id, email or phone. */
  public static final List<String> COLUMNS =
      List.of(
          "customer",
          "product",
          "serial_number",
          "purchase_date",
          "channel",
          "warranty_end",
          "order_number");

  private static final Pattern CUSTOMER_NUMBER = Pattern.compile("(?i)C-?(\\d{1,12})");
  private static final int MAX_ROWS = 50_000;

  private final AssetRepository assets;
  private final CustomerRepository customers;

  Assets(AssetRepository assets, CustomerRepository customers) {
    this.assets = assets;
    this.customers = customers;
  }

  @Transactional(readOnly = true)
  public List<AssetView> ofCustomer(CustomerId id) {
    return assets.findByCustomerIdOrderByPurchaseDateDescIdDesc(id.value()).stream()
        .map(Asset::view)
        .toList();
  }

  @Transactional(readOnly = true)
  public long count() {
    return assets.count();
  }

  @Transactional(readOnly = true)
  public Optional<AssetView> bySerialNumber(String serialNumber) {
    return assets.findBySerialNumber(serialNumber).map(Asset::view);
  }

  /** Records (or, for a known serial number, updates) a customer's asset. */
  @Transactional
  public AssetView record(CustomerId id, NewAsset asset) {
    String problem = problemOf(asset);
    if (problem != null) {
      throw new CustomerRejected(problem);
    }
    Customer owner =
        customers.findById(id.value()).orElseThrow(() -> new CustomerRejected("customer.notFound"));
    Asset saved = upsert(owner, asset);
    return saved.view();
  }

  /**
   * Imports assets from CSV (UTF-8, header line first). Every line is checked first; if any is
   * wrong nothing is imported and the errors say which lines and why.
   */
  @Transactional
  public AssetImportResult importCsv(Reader csv) {
    List<LineError> errors = new ArrayList<>();
    record Row(Customer owner, NewAsset asset) {}
    List<Row> rows = new ArrayList<>();
    Set<String> serials = new HashSet<>();
    Map<String, Optional<Customer>> owners = new HashMap<>();
    try (var parser =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .get()
            .parse(csv)) {
      var missing = new ArrayList<>(COLUMNS);
      missing.removeAll(parser.getHeaderNames());
      missing.removeAll(List.of("channel", "warranty_end", "order_number"));
      if (!missing.isEmpty()) {
        return new AssetImportResult(
            0, 0, List.of(new LineError(1, "asset.import.columns", String.join(", ", missing))));
      }
      for (CSVRecord r : parser) {
        long line = r.getRecordNumber() + 1;
        if (rows.size() + errors.size() >= MAX_ROWS) {
          errors.add(new LineError(line, "asset.import.tooMany", String.valueOf(MAX_ROWS)));
          break;
        }
        if (!r.isConsistent()) {
          errors.add(new LineError(line, "asset.import.fields", String.valueOf(r.size())));
          continue;
        }
        String who = value(r, "customer");
        Optional<Customer> owner = owners.computeIfAbsent(who, this::owner);
        if (who == null) {
          errors.add(new LineError(line, "asset.import.customerMissing", ""));
          continue;
        }
        if (owner.isEmpty()) {
          errors.add(new LineError(line, "asset.import.customerUnknown", who));
          continue;
        }
        LocalDate purchased;
        LocalDate warrantyEnd;
        try {
          purchased = date(value(r, "purchase_date"));
          warrantyEnd = date(value(r, "warranty_end"));
        } catch (DateTimeParseException e) {
          errors.add(new LineError(line, "asset.import.date", e.getParsedString()));
          continue;
        }
        var asset =
            new NewAsset(
                value(r, "product"),
                value(r, "serial_number"),
                value(r, "order_number"),
                purchased,
                value(r, "channel"),
                warrantyEnd);
        String problem = problemOf(asset);
        if (problem != null) {
          errors.add(new LineError(line, problem, nz(asset.serialNumber())));
          continue;
        }
        if (!serials.add(asset.serialNumber())) {
          errors.add(new LineError(line, "asset.import.duplicate", asset.serialNumber()));
          continue;
        }
        rows.add(new Row(owner.get(), asset));
      }
    } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException e) {
      errors.add(new LineError(0, "asset.import.unreadable", nz(e.getMessage())));
    }
    if (!errors.isEmpty()) {
      return new AssetImportResult(0, 0, errors);
    }
    Map<String, Asset> existing = new HashMap<>();
    assets.findBySerialNumberIn(serials).forEach(a -> existing.put(a.getSerialNumber(), a));
    int created = 0;
    int updated = 0;
    for (Row row : rows) {
      if (existing.containsKey(row.asset().serialNumber())) {
        existing.get(row.asset().serialNumber()).change(row.owner().getId(), row.asset());
        row.owner().advanceTo(Stage.CUSTOMER);
        updated++;
      } else {
        upsert(row.owner(), row.asset());
        created++;
      }
    }
    return new AssetImportResult(created, updated, List.of());
  }

  private Asset upsert(Customer owner, NewAsset asset) {
    owner.advanceTo(Stage.CUSTOMER);
    return assets
        .findBySerialNumber(asset.serialNumber())
        .map(
            a -> {
              a.change(owner.getId(), asset);
              return a;
            })
        .orElseGet(() -> assets.save(new Asset(owner.getId(), asset)));
  }

  /** A customer number (C-000123), an id, an email or a phone naming exactly one customer. */
  private Optional<Customer> owner(String who) {
    if (who == null) {
      return Optional.empty();
    }
    var number = CUSTOMER_NUMBER.matcher(who);
    if (number.matches() || who.matches("\\d{1,12}") && who.length() < 9) {
      long id = Long.parseLong(number.matches() ? number.group(1) : who);
      return customers.findById(id).filter(c -> c.getMergedIntoId() == null);
    }
    List<Customer> found =
        who.contains("@")
            ? customers.findAllByEmail(who.toLowerCase(java.util.Locale.ROOT))
            : PhoneNumbers.e164(who).map(customers::findByPhone).orElse(List.of());
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }

  private static String problemOf(NewAsset a) {
    if (a.product() == null || a.product().isBlank() || a.product().length() > 200) {
      return "asset.product.invalid";
    }
    if (a.serialNumber() == null || a.serialNumber().isBlank() || a.serialNumber().length() > 100) {
      return "asset.serial.invalid";
    }
    if (a.purchaseDate() == null) {
      return "asset.purchaseDate.invalid";
    }
    if (a.warrantyEnd() != null && a.warrantyEnd().isBefore(a.purchaseDate())) {
      return "asset.warrantyEnd.invalid";
    }
    if ((a.channel() != null && a.channel().length() > 100)
        || (a.orderNumber() != null && a.orderNumber().length() > 100)) {
      return "asset.field.tooLong";
    }
    return null;
  }

  private static String value(CSVRecord r, String column) {
    if (!r.isMapped(column) || !r.isSet(column)) {
      return null;
    }
    String v = r.get(column);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static LocalDate date(String value) {
    return value == null ? null : LocalDate.parse(value);
  }

  private static String nz(String v) {
    return v == null ? "" : v;
  }
}
