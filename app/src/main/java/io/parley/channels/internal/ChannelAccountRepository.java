package io.parley.channels.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ChannelAccountRepository extends JpaRepository<ChannelAccount, Long> {

  List<ChannelAccount> findAllByOrderByBrandIdAscTypeAscNameAsc();

  List<ChannelAccount> findByBrandIdOrderByTypeAscNameAsc(Long brandId);
}
