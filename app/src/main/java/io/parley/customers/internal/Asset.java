package io.parley.customers.internal;

import io.parley.customers.AssetView;
import io.parley.customers.CustomerId;
import io.parley.customers.NewAsset;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** A product a customer owns, identified by its serial number. */
@Entity
@Table(name = "customers_asset")
public class Asset {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "customers_asset_seq")
  @SequenceGenerator(name = "customers_asset_seq", allocationSize = 50)
  private Long id;

  private Long customerId;
  private String product;
  private String serialNumber;
  private String orderNumber;
  private LocalDate purchaseDate;
  private String channel;
  private LocalDate warrantyEnd;
  private Instant createdAt;
  private Instant updatedAt;

  protected Asset() {}

  public Asset(long customerId, NewAsset data) {
    this.customerId = customerId;
    this.serialNumber = data.serialNumber();
    this.createdAt = Instant.now();
    change(customerId, data);
  }

  public void change(long customerId, NewAsset data) {
    this.customerId = customerId;
    this.product = data.product();
    this.orderNumber = data.orderNumber();
    this.purchaseDate = data.purchaseDate();
    this.channel = data.channel();
    this.warrantyEnd = data.warrantyEnd();
    this.updatedAt = Instant.now();
  }

  public void moveTo(long customer) {
    this.customerId = customer;
  }

  public AssetView view() {
    return new AssetView(
        id,
        new CustomerId(customerId),
        product,
        serialNumber,
        orderNumber,
        purchaseDate,
        channel,
        warrantyEnd);
  }

  public Long getId() {
    return id;
  }

  public Long getCustomerId() {
    return customerId;
  }

  public String getSerialNumber() {
    return serialNumber;
  }
}
