CREATE TABLE mg_posts (id INTEGER NOT NULL PRIMARY KEY, user_id INTEGER NOT NULL, title VARCHAR(100));
INSERT INTO mg_posts (id, user_id, title) VALUES (1, 1, 'Notes; on the engine');
