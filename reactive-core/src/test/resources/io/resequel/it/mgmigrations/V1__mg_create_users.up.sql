-- the users table; a semicolon in a comment; must not split
CREATE TABLE mg_users (
  id INTEGER NOT NULL PRIMARY KEY,
  name VARCHAR(100) NOT NULL
);
/* two rows; one holds a semicolon and a quote */
INSERT INTO mg_users (id, name) VALUES (1, 'Ada; Lovelace');
INSERT INTO mg_users (id, name) VALUES (2, 'O''Brien');
