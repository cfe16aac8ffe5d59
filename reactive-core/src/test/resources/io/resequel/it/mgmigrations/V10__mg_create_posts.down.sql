DROP TABLE mg_posts;
