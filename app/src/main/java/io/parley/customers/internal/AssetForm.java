package io.parley.customers.internal;

import io.parley.customers.NewAsset;
import java.time.LocalDate;

/** The "add a product" form on a customer's profile. */
public class AssetForm {
  private String product = "";
  private String serialNumber = "";
  private String orderNumber = "";
  private String purchaseDate = "";
  private String channel = "";
  private String warrantyEnd = "";

  NewAsset toAsset() {
    return new NewAsset(
        blank(product),
        blank(serialNumber),
        blank(orderNumber),
        purchaseDate == null || purchaseDate.isBlank() ? null : LocalDate.parse(purchaseDate),
        blank(channel),
        warrantyEnd == null || warrantyEnd.isBlank() ? null : LocalDate.parse(warrantyEnd));
  }

  private static String blank(String v) {
    return v == null || v.isBlank() ? null : v.strip();
  }

  public String getProduct() {
    return product;
  }

  public void setProduct(String v) {
    product = v;
  }

  public String getSerialNumber() {
    return serialNumber;
  }

  public void setSerialNumber(String v) {
    serialNumber = v;
  }

  public String getOrderNumber() {
    return orderNumber;
  }

  public void setOrderNumber(String v) {
    orderNumber = v;
  }

  public String getPurchaseDate() {
    return purchaseDate;
  }

  public void setPurchaseDate(String v) {
    purchaseDate = v;
  }

  public String getChannel() {
    return channel;
  }

  public void setChannel(String v) {
    channel = v;
  }

  public String getWarrantyEnd() {
    return warrantyEnd;
  }

  public void setWarrantyEnd(String v) {
    warrantyEnd = v;
  }
}
