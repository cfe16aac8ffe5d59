DROP TABLE spring_mig_notes;
