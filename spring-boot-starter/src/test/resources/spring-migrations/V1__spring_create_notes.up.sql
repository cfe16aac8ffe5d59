CREATE TABLE spring_mig_notes (id INTEGER PRIMARY KEY, body VARCHAR(100));
INSERT INTO spring_mig_notes (id, body) VALUES (1, 'migrated at startup');
