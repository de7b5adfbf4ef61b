-- poolscope demo database: a small shop (SQLite 3 dialect).
--
-- Executed by the application through sqlite3_exec() to create the demo
-- database on first start, so it contains plain SQL statements only.
-- Run it on an EMPTY database.
--
-- The same schema and exactly the same data exist for PostgreSQL
-- (demo-postgresql.sql) and MariaDB (demo-mariadb.sql). All values are
-- derived deterministically from the row number; keep the three scripts
-- in sync when changing anything.
--
-- Rows: customers 2000, products 500, orders 30000, order_items 120002.
-- Timestamps are TEXT 'YYYY-MM-DD HH:MM:SS' (no time zone). Money is
-- computed in integer cents and divided by 100; no price is a whole number.

BEGIN;

CREATE TABLE customers (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    email      TEXT NOT NULL UNIQUE,
    country    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    phone      TEXT
);

CREATE TABLE products (
    id          INTEGER PRIMARY KEY,
    sku         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    category    TEXT NOT NULL,
    price       NUMERIC(10,2) NOT NULL,
    in_stock    INTEGER NOT NULL CHECK (in_stock IN (0, 1)),
    description TEXT
);

CREATE TABLE orders (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    ordered_at  TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('new', 'paid', 'shipped', 'cancelled')),
    note        TEXT
);

CREATE TABLE order_items (
    id         INTEGER PRIMARY KEY,
    order_id   INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id INTEGER NOT NULL REFERENCES products (id),
    quantity   INTEGER NOT NULL CHECK (quantity > 0),
    unit_price NUMERIC(10,2) NOT NULL
);

-- customers: 2000 rows; phone is NULL for id % 10 = 0 and '' for id % 10 = 5.
INSERT INTO customers (id, name, email, country, created_at, phone)
WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 2000)
SELECT n,
       CASE (n * 7) % 20
           WHEN 0 THEN 'Anna' WHEN 1 THEN 'Ben' WHEN 2 THEN 'Chloé' WHEN 3 THEN 'David'
           WHEN 4 THEN 'Emma' WHEN 5 THEN 'François' WHEN 6 THEN 'Grace' WHEN 7 THEN 'Hiroshi'
           WHEN 8 THEN 'Ingrid' WHEN 9 THEN 'José' WHEN 10 THEN 'Karin' WHEN 11 THEN 'Łukasz'
           WHEN 12 THEN 'Maria' WHEN 13 THEN 'Noah' WHEN 14 THEN 'Olga' WHEN 15 THEN 'Pedro'
           WHEN 16 THEN 'Søren' WHEN 17 THEN 'Tom' WHEN 18 THEN 'Zoë' ELSE 'Yuki'
       END || ' ' ||
       CASE (n * 13) % 21
           WHEN 0 THEN 'Smith' WHEN 1 THEN 'Müller' WHEN 2 THEN 'O''Brien' WHEN 3 THEN 'García'
           WHEN 4 THEN 'Rossi' WHEN 5 THEN 'Dubois' WHEN 6 THEN 'Tanaka' WHEN 7 THEN 'Nowak'
           WHEN 8 THEN 'Jensen' WHEN 9 THEN 'Silva' WHEN 10 THEN 'Kowalski' WHEN 11 THEN 'Novák'
           WHEN 12 THEN 'Andersson' WHEN 13 THEN 'Brown' WHEN 14 THEN 'Ivanova' WHEN 15 THEN 'Lee'
           WHEN 16 THEN 'van der Berg' WHEN 17 THEN 'Schmidt' WHEN 18 THEN 'Wang' WHEN 19 THEN 'Yılmaz'
           ELSE 'Ødegaard'
       END,
       printf('customer%04d@example.com', n),
       CASE (n * 5) % 12
           WHEN 0 THEN 'Germany' WHEN 1 THEN 'France' WHEN 2 THEN 'United States'
           WHEN 3 THEN 'Japan' WHEN 4 THEN 'Brazil' WHEN 5 THEN 'Côte d''Ivoire'
           WHEN 6 THEN 'Poland' WHEN 7 THEN 'México' WHEN 8 THEN 'Denmark'
           WHEN 9 THEN 'Türkiye' WHEN 10 THEN 'China' ELSE 'United Kingdom'
       END,
       datetime('2023-01-01 00:00:00', '+' || (n * 15731 + (n * 7919) % 3600) || ' seconds'),
       CASE n % 10
           WHEN 0 THEN NULL
           WHEN 5 THEN ''
           ELSE printf('+1-555-%04d', (n * 7919) % 10000)
       END
FROM seq;

-- products: 500 rows; prices end in .49, .95 or .99.
INSERT INTO products (id, sku, name, category, price, in_stock, description)
WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 500)
SELECT n,
       printf('SKU-%05d', n),
       CASE (n * 3) % 10
           WHEN 0 THEN 'Classic' WHEN 1 THEN 'Deluxe' WHEN 2 THEN 'Organic' WHEN 3 THEN 'Mini'
           WHEN 4 THEN 'Family' WHEN 5 THEN 'Vintage' WHEN 6 THEN 'Smart' WHEN 7 THEN 'Eco'
           WHEN 8 THEN 'Premium' ELSE 'Travel'
       END || ' ' ||
       CASE n % 8
           WHEN 0 THEN 'Coffee Beans' WHEN 1 THEN 'Tea Blend' WHEN 2 THEN 'Cake' WHEN 3 THEN 'Pan'
           WHEN 4 THEN 'Novel' WHEN 5 THEN 'Puzzle' WHEN 6 THEN 'Watering Can' ELSE 'Headphones'
       END || ' #' || n,
       CASE n % 8
           WHEN 0 THEN 'Coffee' WHEN 1 THEN 'Tea' WHEN 2 THEN 'Bakery' WHEN 3 THEN 'Kitchen'
           WHEN 4 THEN 'Books' WHEN 5 THEN 'Toys' WHEN 6 THEN 'Garden' ELSE 'Electronics'
       END,
       (((n * 7919) % 500) * 100 + CASE n % 3 WHEN 0 THEN 99 WHEN 1 THEN 49 ELSE 95 END) / 100.0,
       n % 7 <> 0 AND n % 11 <> 0,
       CASE n % 10
           WHEN 0 THEN NULL
           WHEN 1 THEN 'Our "best" seller, product ' || n || ', freshly made.'
           WHEN 2 THEN 'Baker''s choice: Crème brûlée, caramelised & torched.'
           WHEN 3 THEN 'First line' || char(10) || 'Second line, after a newline.'
           WHEN 4 THEN '咖啡 – single-origin coffee, 250 g'
           WHEN 5 THEN 'Measures 10" x 12"; 100% cotton, machine washable.'
           WHEN 6 THEN 'Ñandú, smørrebrød and Zoë''s “fancy” quotes'
           WHEN 7 THEN 'Emoji: ☕🍰 (4-byte UTF-8)'
           WHEN 8 THEN ''
           ELSE 'Plain description for product ' || n || '.'
       END
FROM seq;

-- orders: 30000 rows; customers 1901..2000 have no orders.
INSERT INTO orders (id, customer_id, ordered_at, status, note)
WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 30000)
SELECT n,
       (n * 7919) % 1900 + 1,
       datetime('2024-01-01 00:00:00', '+' || (n * 1051 + (n * 7919) % 600) || ' seconds'),
       CASE
           WHEN n % 23 = 0 THEN 'cancelled'
           WHEN n > 29500 THEN 'new'
           WHEN n > 28000 OR n % 17 = 0 THEN 'paid'
           ELSE 'shipped'
       END,
       CASE
           WHEN n % 11 = 0 THEN 'Leave at the door, please.'
           WHEN n % 29 = 0 THEN ''
           WHEN n % 37 = 0 THEN 'Gift wrap; card says "Happy birthday, Anna!"'
           ELSE NULL
       END
FROM seq;

-- order_items: 1..7 items per order ((order_id * 31) % 7 + 1), 120002 rows.
-- Every 10th line gets 1.00 off when the list price is above 10.00.
INSERT INTO order_items (id, order_id, product_id, quantity, unit_price)
WITH RECURSIVE k(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM k WHERE k < 7),
item_lines AS (
    SELECT o.id AS oid, k.k AS k, (o.id * 37 + k.k * 101) % 500 + 1 AS pid
    FROM orders AS o JOIN k ON k.k <= (o.id * 31) % 7 + 1
)
SELECT row_number() OVER (ORDER BY oid, k),
       oid,
       pid,
       CASE
           WHEN (oid * 7 + k * 3) % 10 < 5 THEN 1
           WHEN (oid * 7 + k * 3) % 10 < 8 THEN 2
           WHEN (oid * 7 + k * 3) % 10 < 9 THEN 3
           ELSE 5
       END,
       (((pid * 7919) % 500) * 100 + CASE pid % 3 WHEN 0 THEN 99 WHEN 1 THEN 49 ELSE 95 END
        - CASE WHEN (oid + k) % 10 = 0 AND (pid * 7919) % 500 >= 10 THEN 100 ELSE 0 END) / 100.0
FROM item_lines;

CREATE INDEX idx_orders_customer_id ON orders (customer_id);
CREATE INDEX idx_orders_ordered_at ON orders (ordered_at);
CREATE INDEX idx_orders_status_ordered_at ON orders (status, ordered_at);
CREATE INDEX idx_order_items_order_id ON order_items (order_id);
CREATE INDEX idx_order_items_product_id ON order_items (product_id);
CREATE UNIQUE INDEX uq_order_items_order_product ON order_items (order_id, product_id);
CREATE INDEX idx_customers_country ON customers (country);

CREATE VIEW order_totals AS
SELECT o.id                                        AS order_id,
       c.name                                      AS customer_name,
       o.ordered_at                                AS ordered_at,
       COUNT(oi.id)                                AS item_count,
       ROUND(SUM(oi.quantity * oi.unit_price), 2)  AS total
FROM orders AS o
JOIN customers AS c ON c.id = o.customer_id
LEFT JOIN order_items AS oi ON oi.order_id = o.id
GROUP BY o.id, c.name, o.ordered_at;

COMMIT;
