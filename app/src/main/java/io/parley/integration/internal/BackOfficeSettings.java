package io.parley.integration.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * How to ask the back-office system (one per installation): base URL, path templates with {@code
 * {orderNumber}}, {@code {email}}, {@code {phone}}, {@code {serial}}, {@code {crmRef}}
 * placeholders, JSON pointers (RFC 6901) to the fields of its answers, and time limits.
 */
@Entity
@Table(name = "integration_backoffice")
public class BackOfficeSettings {

  public static final long ID = 1L;

  @Id private Long id = ID;
  private boolean enabled;
  private String baseUrl;
  private String ordersPath = "/customers/orders?phone={phone}&email={email}";
  private String orderPath = "/orders/{orderNumber}";
  private String assetPath = "/assets/{serial}";
  private String ordersPointer = "/orders";
  private String numberPointer = "/number";
  private String statusPointer = "/status";
  private String placedAtPointer = "/placedAt";
  private String itemsPointer = "/items";
  private String itemNamePointer = "/name";
  private String emailPointer = "/customer/email";
  private String phonePointer = "/customer/phone";
  private String warrantyEndPointer = "/warrantyEnd";
  private int connectTimeoutMs = 500;
  private int readTimeoutMs = 1500;
  private int budgetMs = 1000;
  private int cacheSeconds = 60;
  private Instant updatedAt = Instant.now();

  public BackOfficeSettings() {}

  public void touch() {
    updatedAt = Instant.now();
  }

  public Long getId() {
    return id;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean v) {
    enabled = v;
  }

  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String v) {
    baseUrl = v;
  }

  public String getOrdersPath() {
    return ordersPath;
  }

  public void setOrdersPath(String v) {
    ordersPath = v;
  }

  public String getOrderPath() {
    return orderPath;
  }

  public void setOrderPath(String v) {
    orderPath = v;
  }

  public String getAssetPath() {
    return assetPath;
  }

  public void setAssetPath(String v) {
    assetPath = v;
  }

  public String getOrdersPointer() {
    return ordersPointer;
  }

  public void setOrdersPointer(String v) {
    ordersPointer = v;
  }

  public String getNumberPointer() {
    return numberPointer;
  }

  public void setNumberPointer(String v) {
    numberPointer = v;
  }

  public String getStatusPointer() {
    return statusPointer;
  }

  public void setStatusPointer(String v) {
    statusPointer = v;
  }

  public String getPlacedAtPointer() {
    return placedAtPointer;
  }

  public void setPlacedAtPointer(String v) {
    placedAtPointer = v;
  }

  public String getItemsPointer() {
    return itemsPointer;
  }

  public void setItemsPointer(String v) {
    itemsPointer = v;
  }

  public String getItemNamePointer() {
    return itemNamePointer;
  }

  public void setItemNamePointer(String v) {
    itemNamePointer = v;
  }

  public String getEmailPointer() {
    return emailPointer;
  }

  public void setEmailPointer(String v) {
    emailPointer = v;
  }

  public String getPhonePointer() {
    return phonePointer;
  }

  public void setPhonePointer(String v) {
    phonePointer = v;
  }

  public String getWarrantyEndPointer() {
    return warrantyEndPointer;
  }

  public void setWarrantyEndPointer(String v) {
    warrantyEndPointer = v;
  }

  public int getConnectTimeoutMs() {
    return connectTimeoutMs;
  }

  public void setConnectTimeoutMs(int v) {
    connectTimeoutMs = v;
  }

  public int getReadTimeoutMs() {
    return readTimeoutMs;
  }

  public void setReadTimeoutMs(int v) {
    readTimeoutMs = v;
  }

  public int getBudgetMs() {
    return budgetMs;
  }

  public void setBudgetMs(int v) {
    budgetMs = v;
  }

  public int getCacheSeconds() {
    return cacheSeconds;
  }

  public void setCacheSeconds(int v) {
    cacheSeconds = v;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }
}
