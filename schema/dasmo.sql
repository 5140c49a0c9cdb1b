-- DASMO reference source schema (MySQL 8 / MariaDB 10.6+).
-- The exporter only SELECTs from these three relations; a deployment may create them as views
-- over its own systems instead (docs/source-contract.md). DATETIME columns hold wall-clock time
-- in the source time zone (DASMO_TIMEZONE, default Europe/Rome).

CREATE TABLE IF NOT EXISTS dasmo_sedi (
  codice_sede    CHAR(4)      NOT NULL,
  denominazione  VARCHAR(120) NOT NULL,
  codice_regione CHAR(2)      NOT NULL,
  regione        VARCHAR(60)  NOT NULL,
  tipo_sede      VARCHAR(60)  NOT NULL,
  PRIMARY KEY (codice_sede)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS dasmo_domande (
  id                 BIGINT UNSIGNED NOT NULL,
  codice_sede        CHAR(4)         NOT NULL,
  prestazione        VARCHAR(10)     NOT NULL,
  plurilocalizzata   TINYINT(1)      NOT NULL DEFAULT 0,
  causale            VARCHAR(12)     NOT NULL,
  data_presentazione DATETIME        NULL,
  data_istruttoria   DATETIME        NULL,
  data_definizione   DATETIME        NULL,
  esito              VARCHAR(12)     NULL,
  lavoratori         INT UNSIGNED    NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  -- Covering index in GROUP BY order: the snapshot reads it once, in order, without touching
  -- the table rows and without a temporary table.
  KEY idx_domande_snapshot (codice_sede, prestazione, plurilocalizzata, causale, esito,
                            data_presentazione, data_istruttoria, data_definizione)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS dasmo_sr41 (
  id                BIGINT UNSIGNED NOT NULL,
  codice_sede       CHAR(4)         NOT NULL,
  prestazione       VARCHAR(10)     NOT NULL,
  plurilocalizzata  TINYINT(1)      NOT NULL DEFAULT 0,
  causale           VARCHAR(12)     NOT NULL,
  canale            VARCHAR(14)     NOT NULL,
  data_ricezione    DATETIME        NULL,
  data_liquidazione DATETIME        NULL,
  data_esito        DATETIME        NULL,
  esito             VARCHAR(12)     NULL,
  lavoratori        INT UNSIGNED    NOT NULL DEFAULT 0,
  importo           DECIMAL(14,2)   NULL,
  PRIMARY KEY (id),
  KEY idx_sr41_snapshot (codice_sede, prestazione, plurilocalizzata, causale, canale, esito,
                         data_ricezione, data_liquidazione, data_esito, lavoratori, importo)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
