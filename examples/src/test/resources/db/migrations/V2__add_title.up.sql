ALTER TABLE notes ADD COLUMN title VARCHAR(100);
UPDATE notes SET title = 'migrated';
