CREATE TABLE IF NOT EXISTS owner (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name varchar(30) NOT NULL,
  city varchar(80) NOT NULL,
  telephone varchar(20),
  visits integer NOT NULL DEFAULT 0
);
