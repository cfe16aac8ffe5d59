DROP TABLE mg_users;
