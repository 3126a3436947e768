package io.parley.customers.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AssetRepository extends JpaRepository<Asset, Long> {

  List<Asset> findByCustomerIdOrderByPurchaseDateDescIdDesc(Long customerId);

  Optional<Asset> findBySerialNumber(String serialNumber);

  List<Asset> findBySerialNumberIn(Collection<String> serialNumbers);

  List<Asset> findByOrderNumberIn(Collection<String> orderNumbers);

  List<Asset> findByCustomerId(Long customerId);

  List<Asset> findByCustomerIdIn(Collection<Long> customerIds);
}
