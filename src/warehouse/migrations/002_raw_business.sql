-- Raw tables as loaded from the companies' files. Natural keys are primary keys
-- (a re-load upserts on them); foreign keys let ingest quarantine unknown references.

-- Retail chain
CREATE TABLE IF NOT EXISTS raw.stores (
  store_id   text PRIMARY KEY,
  name       text NOT NULL,
  city       text,
  region     text NOT NULL,
  tax_rate   numeric(6,4) NOT NULL CHECK (tax_rate >= 0 AND tax_rate < 1),  -- 0.2000 = 20 % VAT
  opened_on  date
);
CREATE TABLE IF NOT EXISTS raw.products (
  product_id text PRIMARY KEY,
  name       text NOT NULL,
  category   text NOT NULL,
  unit_cost  numeric(12,4) NOT NULL CHECK (unit_cost >= 0),
  price      numeric(12,4) NOT NULL CHECK (price >= 0),                         -- list price, tax excluded
  perishable boolean NOT NULL DEFAULT false
);
CREATE TABLE IF NOT EXISTS raw.customers (
  customer_id text PRIMARY KEY,
  name        text,
  city        text,
  region      text,
  signup_date date
);
CREATE TABLE IF NOT EXISTS raw.order_lines (
  order_id    text NOT NULL,
  line_no     integer NOT NULL,
  order_date  date NOT NULL,
  store_id    text NOT NULL REFERENCES raw.stores (store_id),
  product_id  text NOT NULL REFERENCES raw.products (product_id),
  customer_id text REFERENCES raw.customers (customer_id),
  quantity    numeric(12,3) NOT NULL CHECK (quantity >= 0),
  unit_price  numeric(12,4) NOT NULL CHECK (unit_price >= 0),                  -- price charged, tax excluded, before discount
  discount    numeric(12,4) NOT NULL DEFAULT 0 CHECK (discount >= 0),          -- amount off the line, tax excluded
  PRIMARY KEY (order_id, line_no)
);
CREATE TABLE IF NOT EXISTS raw.store_traffic (
  store_id text NOT NULL REFERENCES raw.stores (store_id),
  day      date NOT NULL,
  visitors integer NOT NULL CHECK (visitors >= 0),
  PRIMARY KEY (store_id, day)
);
CREATE TABLE IF NOT EXISTS raw.stock_movements (
  movement_id text PRIMARY KEY,
  moved_on    date NOT NULL,
  product_id  text NOT NULL REFERENCES raw.products (product_id),
  store_id    text REFERENCES raw.stores (store_id),                           -- null: central warehouse
  kind        text NOT NULL CHECK (kind IN ('receipt', 'shipment', 'adjustment')),
  quantity    numeric(12,3) NOT NULL                                           -- signed: receipts +, shipments -
);
CREATE TABLE IF NOT EXISTS raw.supplies (
  supply_id   text PRIMARY KEY,
  received_on date NOT NULL,
  product_id  text NOT NULL REFERENCES raw.products (product_id),
  supplier    text NOT NULL,
  quantity    numeric(12,3) NOT NULL CHECK (quantity >= 0),
  unit_cost   numeric(12,4) NOT NULL CHECK (unit_cost >= 0)
);

-- Car dealers
CREATE TABLE IF NOT EXISTS raw.dealers (
  dealer_id text PRIMARY KEY,
  name      text NOT NULL,
  region    text NOT NULL
);
CREATE TABLE IF NOT EXISTS raw.vehicle_models (
  model_id   text PRIMARY KEY,
  brand      text NOT NULL,
  model      text NOT NULL,
  segment    text NOT NULL,
  list_price numeric(12,2) NOT NULL CHECK (list_price >= 0)
);
CREATE TABLE IF NOT EXISTS raw.vehicle_sales (
  sale_id   text PRIMARY KEY,
  sale_date date NOT NULL,
  dealer_id text NOT NULL REFERENCES raw.dealers (dealer_id),
  model_id  text NOT NULL REFERENCES raw.vehicle_models (model_id),
  units     integer NOT NULL CHECK (units >= 0),
  price     numeric(12,2) NOT NULL CHECK (price >= 0)                          -- per unit, tax excluded
);

-- Staffing agency: extras placed in hotels for receptionist missions
CREATE TABLE IF NOT EXISTS raw.hotels (
  hotel_id text PRIMARY KEY,
  name     text NOT NULL,
  city     text,
  region   text NOT NULL
);
CREATE TABLE IF NOT EXISTS raw.extras (
  extra_id text PRIMARY KEY,
  name     text,
  city     text,
  hired_on date
);
CREATE TABLE IF NOT EXISTS raw.missions (
  mission_id   text PRIMARY KEY,
  hotel_id     text NOT NULL REFERENCES raw.hotels (hotel_id),
  extra_id     text REFERENCES raw.extras (extra_id),                          -- null until assigned
  mission_date date NOT NULL,
  status       text NOT NULL CHECK (status IN ('planned', 'assigned', 'done', 'cancelled')),
  hours        numeric(6,2) NOT NULL CHECK (hours >= 0),
  hourly_rate  numeric(8,2) NOT NULL CHECK (hourly_rate >= 0)                  -- billed to the hotel
);
