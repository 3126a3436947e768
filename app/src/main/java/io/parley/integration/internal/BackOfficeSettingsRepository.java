package io.parley.integration.internal;

import org.springframework.data.jpa.repository.JpaRepository;

public interface BackOfficeSettingsRepository extends JpaRepository<BackOfficeSettings, Long> {}
